using System.Text;
using Wisp.Network.Local;
using Wisp.Node.Hosting;

namespace Wisp.Cli.Commands.Net;

/// <summary>
/// Is a node of a local network answering? One storage <c>info</c> request over HTTPS, trusting exactly the
/// certificate in the node's data directory, with a short timeout: a node that answers it serves the storage RPC.
/// </summary>
internal static class NodeProbe
{
    /// <summary>How long one probe waits: a healthy node answers <c>info</c> in milliseconds, but a loaded 2-core machine running a dozen nodes can take seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private const string InfoBody = "{\"method\":\"info\",\"params\":{}}";

    /// <summary>True when the node answers <c>info</c> with 200 within <see cref="Timeout"/>.</summary>
    public static async Task<bool> IsHealthyAsync(LocalNetwork network, LocalNode node, CancellationToken cancellationToken)
    {
        // The certificate appears at the node's first start; before that nothing can be pinned, and nothing answers.
        if (!NodeCertificate.TryLoad(network.DataDirectoryOf(node), out var certificate, out _))
            return false;
        using (certificate)
        using (var http = new HttpClient(CertificatePin.CreateHandler(certificate)) { Timeout = Timeout })
        {
            try
            {
                using var content = new StringContent(InfoBody, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync($"{node.Url}{StorageRpcRoute}", content, cancellationToken);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    /// <summary>Health of every node, probed at once.</summary>
    public static async Task<IReadOnlyDictionary<string, bool>> ProbeAllAsync(
        LocalNetwork network, IEnumerable<LocalNode> nodes, CancellationToken cancellationToken)
    {
        var list = nodes.ToList();
        var results = await Task.WhenAll(list.Select(node => IsHealthyAsync(network, node, cancellationToken)));
        return list.Select((node, i) => (node.Name, results[i])).ToDictionary(pair => pair.Name, pair => pair.Item2);
    }

    /// <summary>The PID in the node's run file when the node answers, else null.</summary>
    public static int? RunningPid(LocalNetwork network, LocalNode node, bool healthy) =>
        healthy ? NodeRunFile.TryRead(network.DataDirectoryOf(node))?.ProcessId : null;

    private const string StorageRpcRoute = "/storage_rpc/v1";
}
