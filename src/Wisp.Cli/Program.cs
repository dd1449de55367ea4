using Wisp.Cli.Commands;

return await WispCommand.Create().Parse(args).InvokeAsync();
