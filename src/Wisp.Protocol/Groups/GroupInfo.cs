namespace Wisp.Protocol.Groups;

/// <summary>
/// The fields of a group's info config (namespace 13), keyed in the config data as libsession keys them: <c>n</c> name,
/// <c>o</c> description, <c>p</c>/<c>q</c> picture, <c>E</c> disappearing timer, <c>c</c> created, <c>d</c> delete before,
/// <c>D</c> delete attachments before, <c>!</c> destroyed. Absent values are null.
/// </summary>
public sealed record GroupInfo
{
    /// <summary>The group name (<c>n</c>), at most 100 UTF-8 bytes; empty is stored as absent.</summary>
    public string? Name { get; init; }

    /// <summary>The description (<c>o</c>), at most 2000 UTF-8 bytes; empty is stored as absent.</summary>
    public string? Description { get; init; }

    /// <summary>The group picture (<c>p</c> URL and <c>q</c> key).</summary>
    public GroupPicture? Picture { get; init; }

    /// <summary>Disappear-after-send timer in seconds (<c>E</c>); null or non-positive means off.</summary>
    public long? ExpiryTimerSeconds { get; init; }

    /// <summary>Creation time, unix seconds (<c>c</c>).</summary>
    public long? Created { get; init; }

    /// <summary>Members delete messages older than this, unix seconds (<c>d</c>).</summary>
    public long? DeleteBefore { get; init; }

    /// <summary>Members delete attachments older than this, unix seconds (<c>D</c>).</summary>
    public long? DeleteAttachmentsBefore { get; init; }

    /// <summary>The group has been destroyed (<c>!</c>); members should drop it.</summary>
    public bool Destroyed { get; init; }
}

/// <summary>A picture as Session stores it: a download URL and the 32-byte key that decrypts the file.</summary>
public sealed record GroupPicture(string Url, byte[] Key)
{
    /// <inheritdoc/>
    public bool Equals(GroupPicture? other) =>
        other is not null && Url == other.Url && Key.AsSpan().SequenceEqual(other.Key);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Url, Key.Length);
}
