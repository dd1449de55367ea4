using Wisp.IntegrationTests.Support;
using Wisp.Protocol.Community;

namespace Wisp.IntegrationTests.Communities;

/// <summary>
/// The network the community tests share: <c>wisp up</c> with 7 node processes, which also runs its community server
/// (a real <c>wisp community run</c> process with a <c>lobby</c> room) and lets the nodes' relays call it.
/// </summary>
public sealed class CommunityNetwork : LocalNetworkFixture
{
    protected override int NodeCount => 7;

    /// <summary>The community server <c>wisp up</c> started, as its run file says.</summary>
    public LocalCommunityFile Community()
    {
        var path = Path.Combine(Folder, LocalCommunityFile.LocalNetworkFolder, LocalCommunityFile.FileName);
        return LocalCommunityFile.TryParse(File.ReadAllBytes(path)) ?? throw new InvalidOperationException($"{path} is not a community run file.");
    }
}
