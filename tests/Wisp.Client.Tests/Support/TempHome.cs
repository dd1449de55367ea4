using Wisp.Client.Account;

namespace Wisp.Client.Tests.Support;

/// <summary>A Wisp home in a fresh temporary directory, deleted afterwards.</summary>
internal sealed class TempHome : IDisposable
{
    public TempHome()
    {
        Root = Directory.CreateTempSubdirectory("wisp-client-test-").FullName;
        Home = WispHome.At(Path.Combine(Root, "home"));
    }

    public string Root { get; }

    public WispHome Home { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
