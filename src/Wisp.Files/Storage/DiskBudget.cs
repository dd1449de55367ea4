namespace Wisp.Files.Storage;

/// <summary>
/// What may still be stored: the server's total (<see cref="FileServerOptions.MaxDiskBytes"/>), each uploader's quota
/// (<see cref="FileServerOptions.UploaderQuotaBytes"/>) and the disk's free space above a floor. An upload reserves
/// its size before a byte is read, so parallel uploads cannot overshoot together; the reservation becomes stored
/// bytes when the entry is new, and is given back otherwise.
/// </summary>
internal sealed class DiskBudget
{
    private readonly Lock _lock = new();
    private readonly FileServerOptions _options;
    private readonly Func<long> _freeSpace;
    private readonly Dictionary<string, long> _byUploader;
    private long _stored;
    private long _reserved;

    public DiskBudget(FileServerOptions options, long stored, Dictionary<string, long> byUploader, Func<long> freeSpace)
    {
        _options = options;
        _stored = stored;
        _byUploader = byUploader;
        _freeSpace = freeSpace;
    }

    /// <summary>Bytes stored (files and chunks not yet swept).</summary>
    public long Stored
    {
        get { lock (_lock) return _stored; }
    }

    /// <summary>
    /// Reserves <paramref name="bytes"/> for an upload by <paramref name="uploader"/> (null for Session's uploads,
    /// which count only against the total). Null and a refusal when a limit would be passed.
    /// </summary>
    public Reservation? TryReserve(long bytes, string? uploader, out BudgetRefusal refusal)
    {
        lock (_lock)
        {
            if (uploader is not null)
            {
                var held = _byUploader.GetValueOrDefault(uploader) + ReservedBy(uploader);
                if (held + bytes > _options.UploaderQuotaBytes)
                {
                    refusal = BudgetRefusal.UploaderQuota;
                    return null;
                }
            }
            if (_stored + _reserved + bytes > _options.MaxDiskBytes)
            {
                refusal = BudgetRefusal.ServerFull;
                return null;
            }
            if (_freeSpace() - _reserved - bytes < _options.FreeSpaceFloorBytes)
            {
                refusal = BudgetRefusal.DiskFull;
                return null;
            }
            _reserved += bytes;
            if (uploader is not null) _reservedBy[uploader] = ReservedBy(uploader) + bytes;
            refusal = BudgetRefusal.None;
            return new Reservation(this, bytes, uploader);
        }
    }

    /// <summary>Gives back the bytes of entries the sweep deleted.</summary>
    public void Release(long bytes, string? uploader)
    {
        lock (_lock)
        {
            _stored -= bytes;
            if (!string.IsNullOrEmpty(uploader) && _byUploader.TryGetValue(uploader, out var held))
            {
                if (held - bytes <= 0) _byUploader.Remove(uploader);
                else _byUploader[uploader] = held - bytes;
            }
        }
    }

    private readonly Dictionary<string, long> _reservedBy = new(StringComparer.Ordinal);

    private long ReservedBy(string uploader) => _reservedBy.GetValueOrDefault(uploader);

    private void Settle(Reservation reservation, long storedBytes)
    {
        lock (_lock)
        {
            _reserved -= reservation.Bytes;
            if (reservation.Uploader is { } uploader)
            {
                var left = ReservedBy(uploader) - reservation.Bytes;
                if (left <= 0) _reservedBy.Remove(uploader);
                else _reservedBy[uploader] = left;
                if (storedBytes > 0) _byUploader[uploader] = _byUploader.GetValueOrDefault(uploader) + storedBytes;
            }
            _stored += storedBytes;
        }
    }

    /// <summary>Bytes set aside for one upload; dispose without <see cref="Keep"/> to give them all back.</summary>
    internal sealed class Reservation(DiskBudget budget, long bytes, string? uploader) : IDisposable
    {
        private int _settled;

        public long Bytes { get; } = bytes;

        public string? Uploader { get; } = uploader;

        /// <summary>The upload stored a new entry of <paramref name="size"/> bytes: those stay counted.</summary>
        public void Keep(long size)
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0) budget.Settle(this, size);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0) budget.Settle(this, 0);
        }
    }
}

/// <summary>Why <see cref="DiskBudget.TryReserve"/> said no.</summary>
internal enum BudgetRefusal
{
    None,
    /// <summary>The uploader's quota: 413.</summary>
    UploaderQuota,
    /// <summary>The server's total: 507.</summary>
    ServerFull,
    /// <summary>The disk's free space: 507.</summary>
    DiskFull,
}
