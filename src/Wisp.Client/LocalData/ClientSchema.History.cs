namespace Wisp.Client.LocalData;

internal static partial class ClientSchema
{
    /// <summary>An own log's Ed25519 seed (<c>history_logs.log_key</c>; row key: the log id, hex).</summary>
    public static readonly EncryptedColumn HistoryLogKey = new("history_logs", "log_key");

    /// <summary>A log block: a sent message's content (<c>history_blocks.data</c>; row key: "log id hex/block").</summary>
    public static readonly EncryptedColumn HistoryBlock = new("history_blocks", "data");

    /// <summary>Migration 16: signed history logs (issue 20, docs/PROTOCOL.md "Signed history logs").</summary>
    private const string Step16 = """
        -- One row per log this device holds: its own (own = 1: one per conversation, log_key set) and replicas of other
        -- devices' and contacts' logs. manifest: the 195-byte LogManifest; owner/conversation: its Account IDs, hex.
        -- length: blocks held from 0 without a gap; head_*: the owner's longest signed head within them (what this
        -- device can prove to others; head_length <= length). seen_*: the longest signed head verified so far, from seen_from; seen_length >
        -- length is a gap. imported: blocks of a replica already taken into conversations. refused: why the log is no
        -- longer trusted (a fork), null while sound.
        CREATE TABLE history_logs (
            log_id         BLOB    PRIMARY KEY,
            manifest       BLOB    NOT NULL,
            owner          TEXT    NOT NULL,
            conversation   TEXT    NOT NULL,
            own            INTEGER NOT NULL DEFAULT 0,
            log_key        BLOB,
            length         INTEGER NOT NULL DEFAULT 0,
            head_length    INTEGER NOT NULL DEFAULT 0,
            head_hash      BLOB,
            head_signature BLOB,
            seen_length    INTEGER NOT NULL DEFAULT 0,
            seen_hash      BLOB,
            seen_signature BLOB,
            seen_from      TEXT,
            imported       INTEGER NOT NULL DEFAULT 0,
            refused        TEXT,
            updated_at     INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX history_logs_own ON history_logs (conversation) WHERE own = 1;

        -- The blocks (LogEntry bytes, encrypted under the data key) and tree nodes of every log held.
        CREATE TABLE history_blocks (
            log_id BLOB    NOT NULL REFERENCES history_logs (log_id) ON DELETE CASCADE,
            block  INTEGER NOT NULL,
            data   BLOB    NOT NULL,
            PRIMARY KEY (log_id, block)
        ) WITHOUT ROWID;
        CREATE TABLE history_nodes (
            log_id BLOB    NOT NULL REFERENCES history_logs (log_id) ON DELETE CASCADE,
            idx    INTEGER NOT NULL,
            size   INTEGER NOT NULL,
            hash   BLOB    NOT NULL,
            PRIMARY KEY (log_id, idx)
        ) WITHOUT ROWID;

        -- What replication refused and why (a tampered block, a bad proof, a fork), for `wisp p2p logs`.
        CREATE TABLE history_refusals (
            id     INTEGER PRIMARY KEY,
            log_id BLOB,
            peer   TEXT    NOT NULL,
            reason TEXT    NOT NULL,
            at     INTEGER NOT NULL
        );
        """;
}
