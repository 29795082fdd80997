// Polls a component's frame (ink-testing-library's lastFrame) until it passes `test`: the frame it
// passed on, or an error showing the last frame after `ms`. No fixed sleeps in the tests that use it.
export async function until(frame: () => string | undefined, test: (f: string) => boolean, ms = 8000, every = 20): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const f = frame() ?? '';
    if (test(f)) return f;
    if (Date.now() > end) throw new Error(`frame never matched:\n${f}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
