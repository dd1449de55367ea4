using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Network.Registry;

/// <summary>
/// The holder of a one-machine network's registry key (used by <c>wisp up</c> and <c>wisp net add-node</c>): it
/// appends changes to the registry file and re-signs its head. Each append takes the file's lock, catches up with
/// the file (another process may have appended), checks the change, signs, and replaces the file atomically. The
/// caller keeps ownership of the key pair.
/// </summary>
public sealed class RegistryAuthority
{
    private readonly Ed25519KeyPair _registryKey;
    private readonly TimeProvider _time;
    private RegistryLedger _ledger;

    private RegistryAuthority(string path, Ed25519KeyPair registryKey, TimeProvider time, LoadedRegistry loaded)
    {
        Path = path;
        _registryKey = registryKey;
        _time = time;
        _ledger = loaded.Ledger;
        Current = loaded.Snapshot;
    }

    /// <summary>The registry file.</summary>
    public string Path { get; }

    /// <summary>The registry's public key, which nodes and clients must trust.</summary>
    public Ed25519PublicKey RegistryKey => _registryKey.PublicKey;

    /// <summary>The registry as last written or read by this authority.</summary>
    public RegistrySnapshot Current { get; private set; }

    /// <summary>Opens the registry file at <paramref name="path"/>, or creates an empty signed one if there is none.</summary>
    public static RegistryResult<RegistryAuthority> OpenOrCreate(string path, Ed25519KeyPair registryKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(registryKey);
        ArgumentNullException.ThrowIfNull(time);
        if (File.Exists(path))
            return Open(path, registryKey, time);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
            return new RegistryError(RegistryErrorKind.WriteFailed, $"the folder {folder} for the registry file does not exist");
        using var fileLock = RegistryLock.TryTake(path);
        if (fileLock is null)
            return Busy(path);
        var empty = new RegistryLedger();
        var snapshot = Sign(empty, registryKey);
        if (TryWrite(path, snapshot) is { } writeError)
            return writeError;
        return new RegistryAuthority(path, registryKey, time, new LoadedRegistry(empty, snapshot));
    }

    /// <summary>Opens an existing registry file, which must verify under <paramref name="registryKey"/>.</summary>
    public static RegistryResult<RegistryAuthority> Open(string path, Ed25519KeyPair registryKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(registryKey);
        ArgumentNullException.ThrowIfNull(time);
        var loaded = ReadVerified(path, registryKey.PublicKey, known: null);
        return loaded.IsSuccess ? new RegistryAuthority(path, registryKey, time, loaded.Value) : loaded.Error;
    }

    /// <summary>Adds a node.</summary>
    public RegistryResult<RegistrySnapshot> Join(NodeJoin join) => Append(join);

    /// <summary>Removes an active node.</summary>
    public RegistryResult<RegistrySnapshot> Leave(Ed25519PublicKey node) => Append(new NodeLeave(node));

    /// <summary>Records an active node's new address or software version.</summary>
    public RegistryResult<RegistrySnapshot> UpdateAddress(NodeAddressUpdate update) => Append(update);

    /// <summary>Appends <paramref name="change"/> as the next version, signs it and writes the file; on failure nothing changes.</summary>
    public RegistryResult<RegistrySnapshot> Append(RegistryChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        using var fileLock = RegistryLock.TryTake(Path);
        if (fileLock is null)
            return Busy(Path);

        var latest = ReadVerified(Path, RegistryKey, _ledger);
        if (!latest.IsSuccess)
            return latest.Error;
        var ledger = latest.Value.Ledger; // a copy: _ledger is untouched until the write succeeds
        var appended = ledger.Append(change, _time.GetUtcNow());
        if (!appended.IsSuccess)
            return appended.Error;

        var snapshot = Sign(ledger, _registryKey);
        if (TryWrite(Path, snapshot) is { } writeError)
            return writeError;
        _ledger = ledger;
        Current = snapshot;
        return snapshot;
    }

    private static RegistryResult<LoadedRegistry> ReadVerified(string path, Ed25519PublicKey key, RegistryLedger? known)
    {
        var bytes = AtomicFile.Read(path, RegistryLimits.MaxFileBytes);
        return bytes.IsSuccess ? RegistryFile.Verify(bytes.Value, key, known) : bytes.Error;
    }

    private static RegistrySnapshot Sign(RegistryLedger ledger, Ed25519KeyPair registryKey)
    {
        var signature = Ed25519.Sign(registryKey, RegistryEncoding.EncodeSignedHead(registryKey.PublicKey, ledger.Version, ledger.Hash));
        return ledger.ToSnapshot(registryKey.PublicKey, signature);
    }

    private static RegistryError? TryWrite(string path, RegistrySnapshot snapshot)
    {
        try
        {
            RegistryFile.Write(path, snapshot);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new RegistryError(RegistryErrorKind.WriteFailed, $"the registry file {path} could not be written ({e.Message}); the previous version is unchanged");
        }
    }

    private static RegistryError Busy(string path) =>
        new(RegistryErrorKind.Busy, $"another process is changing the registry ({RegistryLock.PathFor(path)} is locked); try again");
}
