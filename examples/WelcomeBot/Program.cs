using WelcomeBot;

var settings = BotSettings.Parse(args, out var error);
if (settings is null)
{
    Console.Error.WriteLine(error);
    return 2;
}
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try
{
    await Welcome.RunAsync(settings, Console.Out, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl-C or SIGTERM.
}
return 0;
