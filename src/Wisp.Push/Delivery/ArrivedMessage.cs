namespace Wisp.Push.Delivery;

/// <summary>A message a node reported as stored: account (33 bytes), hash, namespace, times in unix ms, data when sent.</summary>
internal sealed record ArrivedMessage(byte[] Account, string Hash, int Namespace, long TimestampMs, long ExpiryMs, byte[]? Data);

/// <summary>How far a node's stream has been processed: the node's key, its store id and the last cursor taken in.</summary>
internal sealed record StreamPosition(byte[] Node, string Store, long Cursor);
