namespace Wisp.Chain.Keys;

/// <summary>
/// A secp256k1 key kept in a file as one line of 64 hex digits, readable only by its owner (like the node's own
/// key file): <c>operator.key</c> for a node operator's funds and stake, <c>vote.key</c> for a node's votes.
/// </summary>
public static class EthereumKeyFile
{
    /// <summary>The file name of an operator key in a node's data folder.</summary>
    public const string OperatorFileName = "operator.key";

    /// <summary>The file name of a node's vote key in its data folder.</summary>
    public const string VoteFileName = "vote.key";

    /// <summary>Reads the key at <paramref name="path"/>.</summary>
    /// <exception cref="ChainException">The file is missing or does not hold a key.</exception>
    public static async Task<EthereumKey> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new ChainException($"no key file at {path}");
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return EthereumKey.FromHex(text);
        }
        catch (FormatException e)
        {
            throw new ChainException($"{path} does not hold a secp256k1 key: {e.Message}", e);
        }
    }

    /// <summary>Reads the key at <paramref name="path"/>, or makes a new one and writes it there (owner-only) if there is none.</summary>
    public static async Task<EthereumKey> ReadOrCreateAsync(string path, CancellationToken cancellationToken = default)
    {
        if (File.Exists(path))
            return await ReadAsync(path, cancellationToken).ConfigureAwait(false);
        var key = EthereumKey.Generate();
        await WriteAsync(path, key, cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>Writes <paramref name="key"/> to a new file at <paramref name="path"/>, readable only by its owner.</summary>
    public static async Task WriteAsync(string path, EthereumKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteLineAsync(key.PrivateKeyHex.AsMemory(2), cancellationToken).ConfigureAwait(false);
    }
}
