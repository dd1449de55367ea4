namespace Wisp.Bench.Storage;

/// <summary>
/// The entry shared by the suites that run servers as child processes: parse the options (usage error → 2), stop on
/// Ctrl+C through a cancellation token, and turn a failed check (<see cref="InvalidOperationException"/>) into exit 1.
/// </summary>
internal static class SuiteRunner
{
    public delegate T? Parser<T>(string[] args, out string? error);

    public static int Run<T>(string[] args, Parser<T> parse, Func<T, CancellationToken, Task<int>> runAsync)
        where T : class
    {
        var options = parse(args, out var error);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            return 2;
        }
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            return runAsync(options, stop.Token).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException exception)
        {
            Console.Error.WriteLine(exception.Message);
            return 1;
        }
    }
}
