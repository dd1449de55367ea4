using SharpFuzz;
using Wisp.Fuzz;

// wisp-fuzz TARGET              run under afl++ (afl-fuzz starts this process; see README.md)
// wisp-fuzz TARGET --libfuzzer  run under libFuzzer (libfuzzer-dotnet starts this process)
// wisp-fuzz TARGET FILE...      run each file through the target once (reproduce a finding, smoke-check the corpus)
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: wisp-fuzz TARGET [--libfuzzer | FILE...]; targets: {string.Join(", ", Targets.All.Keys)}");
    return 2;
}

if (args.Length == 2 && args[1] == "--libfuzzer")
{
    Fuzzer.LibFuzzer.Run(span => target(span));
    return 0;
}

if (args.Length > 1)
{
    foreach (var file in args.Skip(1))
    {
        target(File.ReadAllBytes(file));
        Console.WriteLine($"ok {file}");
    }
    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
});
return 0;
