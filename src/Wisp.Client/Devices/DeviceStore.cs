using Microsoft.Data.Sqlite;
using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Devices;

namespace Wisp.Client.Devices;

/// <summary>This device's row of <c>device_self</c>.</summary>
internal sealed record DeviceSelf(
    byte[] DeviceId, bool Restored, byte[]? GroupId, bool Joined, long? RemovedAt, long Seq, bool NeedsPush,
    string? LastHash, string? LastNode, bool Fetched, string Description);

/// <summary>The device-group tables of migration 11: this device, its key seeds, and the group's devices.</summary>
internal sealed class DeviceStore(LocalStore db)
{
    /// <summary>The shared connection (link requests and groups seen live in <see cref="DeviceRequestStore"/>).</summary>
    public LocalStore Db => db;

    /// <summary>This device's row, made on first use (a new device id and key seed).</summary>
    public DeviceSelf Self(long nowSeconds)
    {
        lock (db.Gate)
        {
            if (Read() is { } self)
                return self;
            using var transaction = db.Begin();
            db.Execute("INSERT INTO device_self (id, device_id) VALUES (1, $id)", ("$id", RandomBytes.Get(DeviceGroupLimits.DeviceIdBytes)));
            AddKeySeed(nowSeconds);
            transaction.Commit();
            return Read()!;
        }
    }

    /// <summary>Marks this profile as restored from a recovery phrase: it asks to join rather than founding a group.</summary>
    public void MarkRestored(long nowSeconds)
    {
        lock (db.Gate)
        {
            Self(nowSeconds);
            db.Execute("UPDATE device_self SET restored = 1 WHERE id = 1 AND joined = 0");
        }
    }

    /// <summary>Marks a profile just restored from its recovery phrase (called by the vault's restore).</summary>
    public static void MarkRestored(Account.OpenAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        new DeviceStore(AccountData.For(account).Local).MarkRestored(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    /// <summary>Sets one column of this device's row.</summary>
    public void Set(string column, object? value)
    {
        if (column is not ("group_id" or "joined" or "removed_at" or "seq" or "needs_push" or "last_hash" or "last_node" or "fetched" or "description" or "device_id" or "restored"))
            throw new ArgumentException($"Not a device_self column: {column}.", nameof(column));
        lock (db.Gate)
            db.Execute($"UPDATE device_self SET {column} = $v WHERE id = 1", ("$v", value));
    }

    /// <summary>This device's key pairs, current first (the caller disposes them).</summary>
    public List<DeviceKeys> Keys()
    {
        lock (db.Gate)
        {
            var keys = new List<DeviceKeys>();
            using var command = db.Command("SELECT key_id, seed FROM device_keys ORDER BY rotated_at IS NOT NULL, created_at DESC");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (ClientSchema.DeviceKeySeed.TryDecrypt(db.Key, reader.GetString(0), (byte[])reader.GetValue(1), out var seed))
                    keys.Add(DeviceKeys.FromSeed(seed));
            }
            return keys;
        }
    }

    /// <summary>A new identity after a removal: a fresh device id and key pair, every older key dropped, out of any group.</summary>
    public void Renew(long nowSeconds)
    {
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            db.Execute("DELETE FROM device_keys");
            db.Execute("DELETE FROM devices");
            db.Execute(
                "UPDATE device_self SET device_id = $id, group_id = NULL, joined = 0, removed_at = NULL, seq = 0, needs_push = 0 WHERE id = 1",
                ("$id", RandomBytes.Get(DeviceGroupLimits.DeviceIdBytes)));
            AddKeySeed(nowSeconds);
            transaction.Commit();
        }
    }

    /// <summary>Every device entry held, by hex id.</summary>
    public Dictionary<string, DeviceEntry> Entries()
    {
        lock (db.Gate)
        {
            var entries = new Dictionary<string, DeviceEntry>();
            using var command = db.Command("SELECT device_id, state, record, digest, gone_at FROM devices");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = (byte[])reader.GetValue(0);
                var state = (DeviceState)reader.GetInt32(1);
                var record = reader.IsDBNull(2) ? null : ReadRecord(id, (byte[])reader.GetValue(2));
                var digest = reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3);
                long? goneAt = reader.IsDBNull(4) ? null : reader.GetInt64(4);
                if (state == DeviceState.Registered && record is null)
                    continue; // a damaged row: skipped rather than trusted
                entries[Convert.ToHexStringLower(id)] = new DeviceEntry(id, state, record, goneAt, digest);
            }
            return entries;
        }
    }

    /// <summary>Writes (or replaces) one entry.</summary>
    public void Put(DeviceEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (db.Gate)
        {
            db.Execute(
                "INSERT OR REPLACE INTO devices (device_id, state, seq, record, digest, gone_at) VALUES ($id, $state, $seq, $record, $digest, $gone)",
                ("$id", entry.Id), ("$state", (int)entry.State), ("$seq", entry.Record?.Seq ?? 0),
                ("$record", entry.Record is { } r ? DeviceRecordCodec.Encode(r) : null), ("$digest", entry.Digest), ("$gone", entry.GoneAt));
        }
    }

    /// <summary>Forgets every device (joining another group, or starting one).</summary>
    public void ClearDevices()
    {
        lock (db.Gate)
            db.Execute("DELETE FROM devices");
    }

    /// <summary>The record a signed link request (as stored) asks for; null when it no longer reads or verifies.</summary>
    internal static DeviceRecord? ReadRecordOf(byte[] plaintext, Wisp.Crypto.Keys.Ed25519PublicKey account) =>
        LinkRequest.TryReadPlaintext(plaintext, account, out _);

    internal static DeviceRecord? ReadRecord(byte[] id, byte[] encoded) =>
        BencodeReader.Decode(encoded).Value is BencodeDictionary dict ? DeviceRecordCodec.TryRead(id, dict, out _) : null;

    private void AddKeySeed(long nowSeconds)
    {
        var seed = RandomBytes.Get(DeviceKeys.SeedBytes);
        var keyId = Convert.ToHexStringLower(RandomBytes.Get(16));
        db.Execute("UPDATE device_keys SET rotated_at = $now WHERE rotated_at IS NULL", ("$now", nowSeconds));
        db.Execute(
            "INSERT INTO device_keys (key_id, seed, created_at) VALUES ($k, $s, $now)",
            ("$k", keyId), ("$s", ClientSchema.DeviceKeySeed.Encrypt(db.Key, keyId, seed)), ("$now", nowSeconds));
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
    }

    private DeviceSelf? Read()
    {
        using var command = db.Command(
            "SELECT device_id, restored, group_id, joined, removed_at, seq, needs_push, last_hash, last_node, fetched, description FROM device_self WHERE id = 1");
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        return new DeviceSelf(
            (byte[])reader.GetValue(0), reader.GetInt32(1) == 1, Blob(reader, 2), reader.GetInt32(3) == 1, Long(reader, 4), reader.GetInt64(5),
            reader.GetInt32(6) == 1, reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.GetInt32(9) == 1, reader.GetString(10));
    }

    private static byte[]? Blob(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : (byte[])reader.GetValue(i);

    private static long? Long(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
}
