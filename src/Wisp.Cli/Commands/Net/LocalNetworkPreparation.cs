using System.Net;
using Wisp.Network.Local;
using Wisp.Node.Hosting;

namespace Wisp.Cli.Commands.Net;

/// <summary>The first half of <c>wisp up</c>: make the network exist with enough nodes, and its registry agree.</summary>
internal static class LocalNetworkPreparation
{
    /// <summary>
    /// Creates or opens the network in <paramref name="folder"/> and adds nodes up to <paramref name="nodeCount"/>, on
    /// <paramref name="host"/> (null: where the network's nodes already are, 127.0.0.1 for a new one).
    /// </summary>
    public static LocalNetwork? Prepare(string folder, int? nodeCount, IPAddress? host, TextWriter progress, out string? problem)
    {
        if (!LocalNetworkEditor.TryOpen(folder, createIfMissing: true, WispNodeHost.Version, TimeProvider.System, out var editor, out var created, out problem))
            return null;
        using (editor)
        {
            var active = editor.Network.ActiveNodes.Count();
            var wanted = nodeCount ?? (active == 0 ? UpCommand.DefaultNodeCount : active);
            if (created)
                progress.WriteLine($"Creating a local network of {wanted} nodes in {folder}.");
            if (wanted > active)
            {
                if (!created)
                    progress.WriteLine($"The network has {active} nodes; adding {wanted - active} to make {wanted}.");
                editor.AddNodes(wanted - active, host ?? UpHost.Of(editor.Network), NodeIdentities.CreateIn, out problem);
            }
            else
            {
                if (wanted < active)
                    progress.WriteLine($"The network has {active} nodes; --nodes {wanted} removes none. Use `wisp net remove-node NAME` to take nodes out.");
                problem = editor.SyncRegistry();
            }
            return problem is null ? editor.Network : null;
        }
    }
}
