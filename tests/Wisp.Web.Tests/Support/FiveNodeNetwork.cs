using System.Globalization;
using Wisp.Testing;

namespace Wisp.Web.Tests.Support;

/// <summary>
/// A small real network for a test class: <c>wisp up --nodes 5</c> (the fewest that carry a message) as a process,
/// waited on until every node answers; teardown stops it (which stops its nodes) and deletes the folder.
/// </summary>
public sealed class FiveNodeNetwork : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private WispProcess? _up;

    /// <summary>How many nodes run.</summary>
    public const int NodeCount = 5;

    /// <summary>The network's folder.</summary>
    public string Folder => _folder.Path;

    public async ValueTask InitializeAsync()
    {
        _up = WispProcess.Start("up", "--nodes", NodeCount.ToString(CultureInfo.InvariantCulture), "--network", Folder, "--json");
        await _up.ReadJsonLineAsync(TimeSpan.FromSeconds(180));
    }

    public async ValueTask DisposeAsync()
    {
        if (_up is not null)
        {
            if (!_up.HasExited) ProcessSignals.Terminate(_up.Id);
            await _up.WaitForExitAsync(TimeSpan.FromSeconds(60));
            _up.Dispose();
        }
        _folder.Dispose();
    }
}
