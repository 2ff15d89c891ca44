// Preloaded (`node --require`) into each CLI run the bench measures: at exit, the process's peak resident memory
// in KiB (libuv's getrusage, on every platform; threads included), on stderr's last line for the bench to read.
process.on('exit', () => {
  require('node:fs').writeSync(2, `\nsd-bench-peak-kib ${process.resourceUsage().maxRSS}\n`);
});
