using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Network.Local;
using Wisp.Network.Tests.Support;

namespace Wisp.Network.Tests.Local;

public sealed class LocalNetworkTests
{
    private static readonly Ed25519PublicKey RegistryKey = TestNodes.RegistryKey().PublicKey;

    private static string NodeJson(string name = "node-01", string data = "nodes/node-01", string host = "127.0.0.1", int port = 40001, string? key = null) =>
        $$"""{"name":"{{name}}","data":"{{data}}","host":"{{host}}","port":{{port}},"ed25519":"{{key ?? TestNodes.Key(0).ToHex()}}","removed":false}""";

    private static string FileJson(string nodes, int format = 1, string registryFile = "registry.json") =>
        $$"""{"format":{{format}},"registryKey":"{{RegistryKey.ToHex()}}","registryFile":"{{registryFile}}","nodes":[{{nodes}}]}""";

    private static string? LoadProblem(string json)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File(LocalNetwork.FileName), json, Encoding.UTF8);
        return LocalNetwork.TryLoad(temp.Path, out _, out var problem) ? null : problem;
    }

    [Fact]
    public void Save_then_load_gives_the_same_network()
    {
        using var temp = new TempFolder();
        var network = LocalNetwork.Empty(temp.Path, RegistryKey)
            .WithNode(new LocalNode("node-01", "nodes/node-01", "127.0.0.1", 40001, TestNodes.Key(0), false))
            .WithNode(new LocalNode("node-02", "nodes/node-02", "127.0.0.1", 40002, TestNodes.Key(1), false));
        network = network.WithRemoved(network.Find("node-01")!);

        network.Save();

        Assert.True(LocalNetwork.TryLoad(temp.Path, out var loaded, out var problem), problem);
        Assert.Equal(network.Nodes, loaded.Nodes);
        Assert.Equal(RegistryKey, loaded.RegistryKey);
        Assert.Equal(Path.Combine(temp.Path, "registry.json"), loaded.RegistryPath);
        Assert.Equal(["node-02"], loaded.ActiveNodes.Select(n => n.Name));
        Assert.Equal(Path.Combine(temp.Path, "nodes", "node-02", "node.log"), loaded.LogPathOf(loaded.Find("node-02")!));
    }

    [Fact]
    public void A_well_formed_file_loads()
    {
        Assert.Null(LoadProblem(FileJson(NodeJson())));
    }

    [Fact]
    public void A_missing_file_says_how_to_create_a_network()
    {
        using var temp = new TempFolder();

        Assert.False(LocalNetwork.TryLoad(temp.Path, out _, out var problem));

        Assert.Contains("no local network", problem);
        Assert.Contains("wisp up --network", problem);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("null", "null instead of an object")]
    public void Damaged_json_is_refused(string json, string expected)
    {
        Assert.Contains(expected, LoadProblem(json));
    }

    [Fact]
    public void An_unknown_format_is_refused()
    {
        Assert.Contains("\"format\" is 2", LoadProblem(FileJson(NodeJson(), format: 2)));
    }

    [Theory]
    [InlineData("/etc/registry.json", "absolute")]
    [InlineData("../registry.json", "inside the network's folder")]
    public void A_registry_file_outside_the_folder_is_refused(string registryFile, string expected)
    {
        Assert.Contains(expected, LoadProblem(FileJson(NodeJson(), registryFile: registryFile)));
    }

    [Theory]
    [InlineData("Node-1", "nodes/x", "127.0.0.1", 40001, "nodes[0].name")]
    [InlineData("node-01", "../../elsewhere", "127.0.0.1", 40001, "nodes[0].data")]
    [InlineData("node-01", "nodes/node-01", "bad host", 40001, "nodes[0].host")]
    [InlineData("node-01", "nodes/node-01", "127.0.0.1", 70000, "nodes[0].port")]
    public void A_bad_node_field_is_named(string name, string data, string host, int port, string expected)
    {
        Assert.StartsWith($"{LocalNetwork.FileName}", Path.GetFileName(LoadProblem(FileJson(NodeJson(name, data, host, port)))!.Split(' ')[0]));
        Assert.Contains(expected, LoadProblem(FileJson(NodeJson(name, data, host, port))));
    }

    [Fact]
    public void A_bad_key_is_named()
    {
        Assert.Contains("nodes[0].ed25519", LoadProblem(FileJson(NodeJson(key: "zz"))));
    }

    [Fact]
    public void Two_nodes_with_one_name_or_key_are_refused()
    {
        var twice = NodeJson() + "," + NodeJson(name: "node-02", data: "nodes/node-02", port: 40002);

        Assert.Contains("nodes[1] repeats the name or key of node node-01", LoadProblem(FileJson(twice)));
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_before_it_is_parsed()
    {
        Assert.Contains("larger than", LoadProblem(new string(' ', LocalNetworkLimits.MaxNetworkFileBytes + 1)));
    }

    [Fact]
    public void Nodes_are_found_by_name_or_key()
    {
        var network = LocalNetwork.Empty("/x", RegistryKey)
            .WithNode(new LocalNode("node-01", "nodes/node-01", "127.0.0.1", 40001, TestNodes.Key(0), false));

        Assert.Equal("node-01", network.Find(TestNodes.Key(0).ToHex())!.Name);
        Assert.Equal("node-01", network.Find("node-01")!.Name);
        Assert.Null(network.Find("node-02"));
        Assert.Equal("node-02", network.NextNodeName());
    }

    [Fact]
    public void Adding_a_node_with_a_taken_name_or_key_throws()
    {
        var network = LocalNetwork.Empty("/x", RegistryKey)
            .WithNode(new LocalNode("node-01", "nodes/node-01", "127.0.0.1", 40001, TestNodes.Key(0), false));

        Assert.Throws<ArgumentException>(() => network.WithNode(new LocalNode("node-01", "nodes/a", "127.0.0.1", 1, TestNodes.Key(1), false)));
        Assert.Throws<ArgumentException>(() => network.WithNode(new LocalNode("node-02", "nodes/b", "127.0.0.1", 2, TestNodes.Key(0), false)));
        Assert.Throws<ArgumentException>(() => network.WithNode(new LocalNode("Bad Name", "nodes/c", "127.0.0.1", 3, TestNodes.Key(2), false)));
    }
}
