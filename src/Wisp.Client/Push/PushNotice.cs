using Wisp.Crypto.Keys;

namespace Wisp.Client.Push;

/// <summary>One decrypted notification: which account's swarm stored which message (and, when it fit, the message itself).</summary>
/// <param name="Account">The account the message was stored for.</param>
/// <param name="Namespace">The swarm namespace it was stored in.</param>
/// <param name="Hash">The message's storage hash.</param>
/// <param name="TimestampMs">The message's timestamp (Unix ms).</param>
/// <param name="ExpiryMs">When the swarm drops it (Unix ms).</param>
/// <param name="Data">The stored message, when the subscription asked for it and it fit; else null.</param>
/// <param name="DataTooLong">True when the message was left out because it was too long (it must be fetched).</param>
public sealed record PushNotice(AccountId Account, int Namespace, string Hash, long TimestampMs, long ExpiryMs, byte[]? Data, bool DataTooLong);
