// The emulated server's own clock: tests set it apart from this machine's (a server a minute behind),
// and everything the emulator dates (created_at, the Date header) reads it.
export const clock = {
  offsetMs: 0,
  nowMs(): number {
    return Date.now() + this.offsetMs;
  },
};
