using System.CommandLine;
using Wisp.Cli.Commands;

// No termination timeout: on SIGTERM a node drains its write queue and checkpoints SQLite before it exits, and
// System.CommandLine's default (2 s, then exit 143) would cut that short under load.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await WispCommand.Create().Parse(args).InvokeAsync(invocation);
