using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Groups;

/// <summary>
/// One config as libsession's <c>ConfigBase</c> keeps it: the current config message, whether it has unpushed changes,
/// and the storage hashes it makes obsolete. For a group config (info or members) every message read must carry the
/// group key's signature and only a holder of the group's secret key (an admin) can change and push; a user's own
/// configs (<c>Wisp.Protocol.UserConfig</c>) are unsigned and keyed from the account seed. Not thread-safe.
/// </summary>
public abstract class ConfigBase
{
    private readonly Ed25519PublicKey? _verifier;
    private readonly Ed25519KeyPair? _signer;
    private readonly bool _writable;
    private ConfigMessage _config;
    private ConfigState _state;
    private string _currentHash = "";
    private readonly SortedSet<string> _oldHashes = new(StringComparer.Ordinal);

    private protected ConfigBase(GroupConfigKind kind, Ed25519PublicKey groupPublicKey, Ed25519KeyPair? adminKey, byte[]? dump)
        : this((int)kind, ConfigEncryption.Domain(kind), groupPublicKey, adminKey, adminKey is not null, dump)
    {
        if (adminKey is not null && !adminKey.PublicKey.Equals(groupPublicKey))
            throw new ArgumentException("The admin key is not the group's key pair.", nameof(adminKey));
        Kind = kind;
        GroupPublicKey = groupPublicKey;
    }

    /// <summary>
    /// A config in namespace <paramref name="storageNamespace"/> under <paramref name="encryptionDomain"/>: messages
    /// read must be signed by <paramref name="verifier"/> when one is given, and are signed with
    /// <paramref name="signer"/> when one is given (a user's own configs have neither: only the holder of the account
    /// seed can decrypt them at all).
    /// </summary>
    private protected ConfigBase(
        int storageNamespace, string encryptionDomain, Ed25519PublicKey? verifier, Ed25519KeyPair? signer, bool writable, byte[]? dump)
    {
        ArgumentNullException.ThrowIfNull(encryptionDomain);
        if (verifier is null && signer is not null)
            throw new ArgumentException("A config that signs must also verify.", nameof(signer));
        Namespace = storageNamespace;
        EncryptionDomain = encryptionDomain;
        _verifier = verifier;
        _signer = signer;
        _writable = writable;
        _config = ConfigMessage.CreateEmpty();
        if (dump is not null)
            _config = LoadDump(dump);
        _config.Verifier = verifier;
        _config.Signer = signer;
    }

    private enum ConfigState
    {
        Clean = 0,
        Dirty = 1,
        Waiting = 2,
    }

    /// <summary>Info or members, for a group config; default for a user config.</summary>
    public GroupConfigKind Kind { get; }

    /// <summary>The storage namespace (13 or 14 for a group; 2–5 for a user's own configs).</summary>
    public int Namespace { get; }

    /// <summary>The encryption domain ("groups::Info", "groups::Members", "UserProfile", "Contacts" ...).</summary>
    public string EncryptionDomain { get; }

    /// <summary>The group's Ed25519 key (every message read must be signed by it); null for a user config.</summary>
    public Ed25519PublicKey? GroupPublicKey { get; }

    /// <summary>True without the group's secret key: the config can be read and merged, not changed or pushed.</summary>
    public bool IsReadOnly => !_writable;

    /// <summary>The current seqno.</summary>
    public long Seqno => _config.Seqno;

    /// <summary>There are changes not yet pushed, or pushed but not confirmed.</summary>
    public bool NeedsPush => _state != ConfigState.Clean;

    /// <summary>Something changed since the last <see cref="Dump"/>.</summary>
    public bool NeedsDump { get; private set; }

    /// <summary>The storage hash of the message the config currently is, if known.</summary>
    public IReadOnlyList<string> CurrentHashes => _currentHash.Length == 0 ? [] : [_currentHash];

    /// <summary>The current data (read it, never change it in place: use <see cref="Change"/>).</summary>
    private protected ConfigDict Data => _config.Data;

    /// <summary>
    /// Reads retrieved messages: decrypts each with the first of <paramref name="keys"/> that works (newest key first),
    /// strips the padding, decompresses, parses and verifies the group signature, then merges them with the current
    /// config as libsession does. Bad messages are reported, never thrown.
    /// </summary>
    /// <exception cref="InvalidOperationException">No keys were given.</exception>
    public ConfigMergeResult Merge(IReadOnlyList<ConfigIncoming> messages, IReadOnlyList<ReadOnlyMemory<byte>> keys)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
            throw new InvalidOperationException("Cannot merge configs without any decryption keys");

        var oldSeqno = _config.Seqno;
        var hashes = new List<string>();
        var plaintexts = new List<ReadOnlyMemory<byte>>();
        var rejected = new List<ConfigRejection>();

        // Our own config joins the merge as if it were already stored, so the outcome does not depend on whether it was.
        var withMine = oldSeqno != 0 || _state == ConfigState.Dirty;
        if (withMine)
        {
            hashes.Add(_currentHash);
            plaintexts.Add(_config.Serialize());
        }
        foreach (var message in messages)
        {
            var plain = ConfigEnvelope.Open(UnwrapFromStorage(message.Data).Span, keys, EncryptionDomain, out var error);
            if (plain is null)
            {
                rejected.Add(new ConfigRejection(message.Hash, error!));
                continue;
            }
            hashes.Add(message.Hash);
            plaintexts.Add(plain);
        }

        var bad = new HashSet<int>();
        ConfigMessage merged;
        try
        {
            merged = ConfigMerge.Load(plaintexts, _verifier, _signer, ConfigLimits.DiffLags, (i, e) =>
            {
                bad.Add(i);
                rejected.Add(new ConfigRejection(hashes[i], e.Message));
            }, mutable: _state == ConfigState.Dirty);
        }
        catch (ConfigFormatException)
        {
            // Nothing valid at all (and no config of our own): nothing changes.
            return new ConfigMergeResult([], rejected);
        }

        var used = merged.UnmergedIndex;
        for (var i = 0; i < hashes.Count; i++)
        {
            if (i != used && !bad.Contains(i) && hashes[i].Length > 0)
                _oldHashes.Add(hashes[i]);
        }

        if (merged.Seqno != oldSeqno)
        {
            if (merged.Merged)
            {
                if (_state != ConfigState.Dirty)
                    // libsession turns the merge into a mutable message whose baseline is empty, so its first push
                    // carries the whole data as its diff.
                    merged.OriginalData = new ConfigDict();
                _config = merged;
                SetState(ConfigState.Dirty);
            }
            else if (!(_state == ConfigState.Dirty && used == 0 && merged.Seqno == oldSeqno + 1))
            {
                // (In the excepted case only our own dirty config survived: keep it as it is.)
                _config = merged;
                SetState(ConfigState.Clean);
                _currentHash = hashes[used];
            }
        }

        var accepted = new List<string>();
        for (var i = withMine ? 1 : 0; i < hashes.Count; i++)
        {
            if (!bad.Contains(i))
                accepted.Add(hashes[i]);
        }
        return new ConfigMergeResult(accepted, rejected);
    }

    /// <summary>
    /// The message to store: serialised, signed by the group key, compressed when that is smaller, padded and encrypted
    /// under <paramref name="encryptionKey"/> (the group's newest key).
    /// </summary>
    /// <exception cref="InvalidOperationException">The config is read-only.</exception>
    /// <exception cref="ConfigTooLargeException">The message exceeds 76,800 bytes.</exception>
    public ConfigPush Push(ReadOnlySpan<byte> encryptionKey)
    {
        if (IsReadOnly)
            throw new InvalidOperationException("A read-only config cannot be pushed: it needs the group's secret key.");
        var seqno = _config.Seqno;
        var sealedMessage = WrapForStorage(ConfigEnvelope.Seal(_config.Serialize(), encryptionKey, EncryptionDomain), seqno);
        if (sealedMessage.Length > ConfigLimits.MaxMessageBytes)
            throw new ConfigTooLargeException(sealedMessage.Length);
        if (_state == ConfigState.Dirty)
            SetState(ConfigState.Waiting);
        var obsolete = _oldHashes.ToList();
        _oldHashes.Clear();
        return new ConfigPush(seqno, sealedMessage, obsolete);
    }

    /// <summary>Records that the message for <paramref name="seqno"/> was stored under <paramref name="hash"/>.</summary>
    public void ConfirmPushed(long seqno, string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        // A change made after the push started a newer seqno: this confirmation is then stale.
        if (_state == ConfigState.Waiting && seqno == _config.Seqno)
        {
            SetState(ConfigState.Clean);
            _currentHash = hash;
        }
    }

    /// <summary>Starts a new seqno without a change, so the config is pushed again (re-encrypted after a rekey).</summary>
    public void MarkDirty() => Dirty();

    /// <summary>The state for local storage, in libsession's dump layout; load it with the constructor.</summary>
    public byte[] Dump()
    {
        // A reader never deletes anything from the swarm, so it need not remember what became obsolete (as libsession).
        if (IsReadOnly)
            _oldHashes.Clear();
        var dump = new BencodeDictionary(
        [
            ConfigMessage.Entry("!", new BencodeInteger((long)_state)),
            ConfigMessage.Entry("$", new BencodeString(_config.Serialize(sign: false))),
            ConfigMessage.Entry("(", BencodeString.FromUtf8(_currentHash)),
            ConfigMessage.Entry(")", new BencodeList([.. _oldHashes.Select(BencodeString.FromUtf8)])),
            ConfigMessage.Entry("+", new BencodeDictionary(ExtraDumpData())),
        ]);
        NeedsDump = false;
        return BencodeWriter.Encode(dump);
    }

    private protected virtual IEnumerable<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>> ExtraDumpData() => [];

    /// <summary>What is stored for an encrypted message (a user config adds Session's protobuf wrapping); as is by default.</summary>
    private protected virtual byte[] WrapForStorage(byte[] encrypted, long seqno) => encrypted;

    /// <summary>The encrypted message inside stored bytes (the inverse of <see cref="WrapForStorage"/>).</summary>
    private protected virtual ReadOnlyMemory<byte> UnwrapFromStorage(ReadOnlyMemory<byte> stored) => stored;

    private protected virtual void LoadExtraDumpData(BencodeDictionary extra)
    {
    }

    private protected void MarkNeedsDump() => NeedsDump = true;

    /// <summary>
    /// Applies <paramref name="edit"/> to a copy of the data; if that changes anything the config starts (or continues)
    /// a dirty seqno with the new data, as libsession's field assignments do.
    /// </summary>
    private protected void Change(Action<ConfigDict> edit)
    {
        var edited = _config.Data.CloneDict();
        edit(edited);
        edited.Prune();
        var current = _config.Data.CloneDict();
        current.Prune();
        if (edited.SameAs(current))
            return;
        Dirty().Data = edited;
    }

    /// <summary>The data to change in place: starts (or continues) a dirty seqno. Only for a change known to differ.</summary>
    private protected ConfigDict EditableData() => Dirty().Data;

    private ConfigMessage Dirty()
    {
        if (_state != ConfigState.Dirty)
        {
            SetState(ConfigState.Dirty);
            _config = _config.Increment();
        }
        else
            NeedsDump = true;
        return _config;
    }

    private void SetState(ConfigState state)
    {
        if (state == ConfigState.Dirty && IsReadOnly)
            throw new InvalidOperationException("Unable to make changes to a read-only config object");
        if (_state == ConfigState.Clean && _currentHash.Length > 0)
        {
            _oldHashes.Add(_currentHash);
            _currentHash = "";
        }
        _state = state;
        NeedsDump = true;
    }

    private ConfigMessage LoadDump(byte[] dump)
    {
        var decoded = BencodeReader.Decode(dump);
        if (decoded.Value is not BencodeDictionary d
            || !d.TryGetValue("!", out var stateValue) || stateValue is not BencodeInteger { Value: >= 0 and <= 2 } state
            || !d.TryGetValue("$", out var dataValue) || dataValue is not BencodeString data)
            throw new ArgumentException("Unable to parse dumped config data.", nameof(dump));
        _state = (ConfigState)state.Value;
        ConfigMessage config;
        try
        {
            // A dump taken while dirty reloads as the next seqno (libsession spends one seqno rather than risk reusing
            // one that may have been sent). No verifier: the dump is our own, and its signature is trusted.
            config = _state == ConfigState.Dirty
                ? ConfigMerge.Load([data.Bytes], null, null, ConfigLimits.DiffLags, (_, e) => throw e, mutable: true)
                : ConfigMessage.Parse(data.Bytes, null, null, ConfigLimits.DiffLags, trustSignature: true);
        }
        catch (ConfigFormatException e)
        {
            throw new ArgumentException($"Unable to parse dumped config data: {e.Message}", nameof(dump), e);
        }
        if (d.TryGetValue("(", out var current) && current is BencodeString currentHash)
            _currentHash = currentHash.ToUtf8();
        if (d.TryGetValue(")", out var old) && old is BencodeList oldHashes)
            _oldHashes.UnionWith(oldHashes.Items.OfType<BencodeString>().Select(h => h.ToUtf8()));
        if (d.TryGetValue("+", out var extra) && extra is BencodeDictionary extraData)
            LoadExtraDumpData(extraData);
        return config;
    }
}
