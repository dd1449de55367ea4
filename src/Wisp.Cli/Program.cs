using System.CommandLine;
using Wisp.Cli.Commands;

// The wisp command: a table of contents of its verbs.
var root = new RootCommand("Wisp: a decentralized, metadata-private messenger.")
{
    AccountCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
