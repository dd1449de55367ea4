namespace Wisp.IntegrationTests.Support;

/// <summary>A node of the local network under test, as <c>wisp up --json</c> and <c>wisp net add-node</c> describe it.</summary>
public sealed record NetworkNode(string Name, string Ed25519, string Url, int Port, string DataDirectory);
