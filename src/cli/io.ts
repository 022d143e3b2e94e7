/** Where the CLI's commands (main.ts, pack.ts) write and read: the process, or a test's buffers. */
export interface Io {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  readStdin: () => string;
}
