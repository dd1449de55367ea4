using System.CommandLine;
using Wisp.Cli.Commands;

// On SIGTERM or Ctrl-C a node drains its write queue and checkpoints SQLite before it exits. System.CommandLine's
// default gives a command 2 s after the signal (then exits 143), which load can exceed; 30 s stays well inside
// systemd's default stop timeout (90 s).
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await WispCommand.InvokeAsync(WispCommand.Create(), args, invocation);
