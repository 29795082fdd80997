// One frame of an Ink component as a terminal `width` columns wide would draw it (ink-testing-library):
// the frame, the render unmounted. For a face's view of a model the flow produced.
import React from 'react';
import { Box } from 'ink';
import { render } from 'ink-testing-library';

export function drawAt(node: React.ReactElement, width = 80): string {
  const r = render(<Box width={width} flexDirection="column">{node}</Box>);
  const frame = r.lastFrame() ?? '';
  r.unmount();
  return frame;
}
