using System.Security.Cryptography;
using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Direct;

/// <summary>
/// Direct mode's local data (migration 15): this device's direct key, each contact's state and device keys, and the
/// path each message took.
/// </summary>
internal sealed class DirectStore(LocalStore db)
{
    private const string DeviceRow = "device";

    /// <summary>
    /// This device's direct key pair, made (a random seed) the first time it is asked for. An Ed25519 key, because the
    /// DHT signs its announcements with it; its X25519 form is the Noise static key and the identity contacts learn.
    /// </summary>
    public Ed25519KeyPair DeviceKey(long nowMs)
    {
        lock (db.Gate)
        {
            if (db.Scalar("SELECT secret FROM direct_device WHERE id = 1") is byte[] stored
                && ClientSchema.DirectSecret.TryDecrypt(db.Key, DeviceRow, stored, out var seed))
            {
                var pair = Ed25519KeyPair.FromSeed(seed);
                CryptographicOperations.ZeroMemory(seed);
                return pair;
            }
            var made = Ed25519KeyPair.Generate();
            db.Execute("INSERT OR REPLACE INTO direct_device (id, public_key, secret, created_at) VALUES (1, $pk, $sk, $at)",
                ("$pk", made.X25519PublicKey.Span.ToArray()), ("$sk", ClientSchema.DirectSecret.Encrypt(db.Key, DeviceRow, made.Seed)), ("$at", nowMs));
            return made;
        }
    }

    /// <summary>Direct mode with <paramref name="peer"/> (off when never set).</summary>
    public DirectContact Get(AccountId peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (db.Gate)
        {
            using var command = db.Command(
                "SELECT state, changed_at, their_at, last_direct_at FROM direct_contacts WHERE account_id = $a", ("$a", peer.Hex));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return new DirectContact(peer, DirectState.Off, 0, null, null, []);
            return new DirectContact(peer, DirectStates.Parse(reader.GetString(0)), reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt64(3), KeysOf(peer));
        }
    }

    /// <summary>Every contact whose state is not off, by Account ID.</summary>
    public IReadOnlyList<DirectContact> All()
    {
        var ids = new List<string>();
        lock (db.Gate)
        {
            using var command = db.Command("SELECT account_id FROM direct_contacts WHERE state <> 'off' ORDER BY account_id");
            using var reader = command.ExecuteReader();
            while (reader.Read())
                ids.Add(reader.GetString(0));
        }
        return [.. ids.Select(id => Get(AccountId.Parse(id)))];
    }

    /// <summary>The contact whose device holds <paramref name="directKey"/>, when direct mode with them is on.</summary>
    public AccountId? OnContactOf(ReadOnlySpan<byte> directKey)
    {
        lock (db.Gate)
        {
            return db.Scalar("""
                SELECT k.account_id FROM direct_keys k JOIN direct_contacts c ON c.account_id = k.account_id
                WHERE k.direct_key = $k AND c.state = 'on'
                """, ("$k", directKey.ToArray())) is string id ? AccountId.Parse(id) : null;
        }
    }

    /// <summary>Sets the state (and, when <paramref name="theirAtMs"/> is given, the time of their last offer).</summary>
    public void SetState(AccountId peer, DirectState state, long nowMs, long? theirAtMs = null)
    {
        lock (db.Gate)
        {
            db.Execute("""
                INSERT INTO direct_contacts (account_id, state, changed_at, their_at) VALUES ($a, $s, $now, $their)
                ON CONFLICT (account_id) DO UPDATE SET state = $s, changed_at = $now, their_at = COALESCE($their, their_at)
                """, ("$a", peer.Hex), ("$s", DirectStates.Word(state)), ("$now", nowMs), ("$their", theirAtMs));
            if (state == DirectState.Off)
                db.Execute("DELETE FROM direct_keys WHERE account_id = $a", ("$a", peer.Hex)); // off forgets their devices' keys
        }
    }

    /// <summary>Remembers a direct key of one of <paramref name="peer"/>'s devices.</summary>
    public void AddKey(AccountId peer, ReadOnlySpan<byte> directKey, long offeredAtMs)
    {
        lock (db.Gate)
        {
            db.Execute("""
                INSERT INTO direct_keys (account_id, direct_key, offered_at) VALUES ($a, $k, $at)
                ON CONFLICT (account_id, direct_key) DO UPDATE SET offered_at = MAX(offered_at, $at)
                """, ("$a", peer.Hex), ("$k", directKey.ToArray()), ("$at", offeredAtMs));
        }
    }

    /// <summary>Records that a direct session with <paramref name="peer"/> carried a frame now.</summary>
    public void Touch(AccountId peer, long nowMs)
    {
        lock (db.Gate)
            db.Execute("UPDATE direct_contacts SET last_direct_at = $now WHERE account_id = $a", ("$a", peer.Hex), ("$now", nowMs));
    }

    /// <summary>Records which way message <paramref name="messageId"/> went or came.</summary>
    public void RecordPath(string messageId, MessagePath path, long nowMs)
    {
        lock (db.Gate)
        {
            db.Execute("INSERT OR REPLACE INTO direct_paths (message_id, path, at) VALUES ($m, $p, $at)",
                ("$m", messageId), ("$p", Word(path)), ("$at", nowMs));
        }
    }

    /// <summary>Which way a message went, or null when it was never recorded (a message from before direct mode).</summary>
    public MessagePath? PathOf(string messageId)
    {
        lock (db.Gate)
        {
            return db.Scalar("SELECT path FROM direct_paths WHERE message_id = $m", ("$m", messageId)) switch
            {
                "direct" => MessagePath.Direct,
                "relayed" => MessagePath.Relayed,
                "swarm" => MessagePath.Swarm,
                _ => null,
            };
        }
    }

    /// <summary>The id of the message stored under <paramref name="serverHash"/>, or null.</summary>
    public string? MessageWithHash(string serverHash)
    {
        lock (db.Gate)
            return db.Scalar("SELECT id FROM messages WHERE server_hash = $h", ("$h", serverHash)) as string;
    }

    /// <summary>"direct", "relayed" or "swarm".</summary>
    public static string Word(MessagePath path) => path switch
    {
        MessagePath.Direct => "direct",
        MessagePath.Relayed => "relayed",
        _ => "swarm",
    };

    private List<byte[]> KeysOf(AccountId peer)
    {
        using var command = db.Command("SELECT direct_key FROM direct_keys WHERE account_id = $a ORDER BY offered_at DESC", ("$a", peer.Hex));
        using var reader = command.ExecuteReader();
        var keys = new List<byte[]>();
        while (reader.Read())
            keys.Add((byte[])reader.GetValue(0));
        return keys;
    }
}

/// <summary>Direct mode with one contact.</summary>
/// <param name="Peer">The contact.</param>
/// <param name="State">Off, offered, requested or on.</param>
/// <param name="ChangedAtMs">When the state last changed, Unix ms (0: never).</param>
/// <param name="TheirOfferAtMs">The timestamp of the last offer they signed, or null.</param>
/// <param name="LastDirectAtMs">When a direct session with them last carried a frame, or null.</param>
/// <param name="DeviceKeys">Their devices' direct keys (32 bytes each), newest offer first.</param>
public sealed record DirectContact(
    AccountId Peer, DirectState State, long ChangedAtMs, long? TheirOfferAtMs, long? LastDirectAtMs, IReadOnlyList<byte[]> DeviceKeys);
