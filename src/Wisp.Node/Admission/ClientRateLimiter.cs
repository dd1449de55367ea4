using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Wisp.Node.Admission;

/// <summary>The rate limiter's answer: allowed, or refused with how long until the next request would pass.</summary>
public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// A token bucket per client address (per /64 for IPv6): <c>rate</c> tokens a second up to <c>burst</c>, one per
/// request. Memory is bounded: buckets idle long enough to be full again are forgotten, and once
/// <paramref name="maxClients"/> are tracked, new clients share one overflow bucket. Time comes from the
/// <see cref="TimeProvider"/>, so tests step it instead of sleeping.
/// </summary>
public sealed class ClientRateLimiter(double ratePerSecond, int burst, TimeProvider timeProvider, int maxClients = Limits.MaxTrackedClients)
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<UInt128, TokenBucket> _buckets = new();
    private readonly TokenBucket _overflow = new(burst, timeProvider.GetTimestamp());
    private readonly Lock _sweepLock = new();
    private long _lastSweep = timeProvider.GetTimestamp();

    /// <summary>True when the limiter lets everything through (rate 0: benchmarks).</summary>
    public bool IsLifted => ratePerSecond == 0;

    /// <summary>Clients tracked now.</summary>
    public int TrackedClients => _buckets.Count;

    /// <summary>Takes a token for <paramref name="address"/> if it has one.</summary>
    public RateDecision TryAcquire(IPAddress? address) => TryAcquire(KeyOf(address));

    /// <summary>Takes a token for the caller <paramref name="key"/> (an address's <see cref="KeyOf"/>, or a relaying node's key) if it has one.</summary>
    public RateDecision TryAcquire(UInt128 key)
    {
        if (IsLifted) return new RateDecision(true, TimeSpan.Zero);
        var now = timeProvider.GetTimestamp();
        MaybeSweep(now);
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = _buckets.Count < maxClients ? _buckets.GetOrAdd(key, _ => new TokenBucket(burst, now)) : _overflow;
        }
        return bucket.TryTake(now, ratePerSecond, burst, timeProvider);
    }

    /// <summary>Whether the caller <paramref name="key"/> has a token now; takes nothing (a check before the caller is verified).</summary>
    public bool HasToken(UInt128 key)
    {
        if (IsLifted) return true;
        var now = timeProvider.GetTimestamp();
        // A caller without a bucket yet has a full one.
        return !_buckets.TryGetValue(key, out var bucket) && _buckets.Count < maxClients
            || (bucket ?? _overflow).Peek(now, ratePerSecond, burst, timeProvider);
    }

    /// <summary>The bucket key of a node: the first 16 bytes of its Ed25519 key (onion relays and node-to-node callers).</summary>
    public static UInt128 KeyOfNode(Wisp.Crypto.Keys.Ed25519PublicKey node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var bytes = node.Span;
        return new UInt128(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>The bucket key: the IPv4 address, or the first 64 bits of an IPv6 address (IPv4-mapped IPv6 counts as IPv4).</summary>
    internal static UInt128 KeyOf(IPAddress? address)
    {
        if (address is null) return UInt128.MaxValue;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return new UInt128(1, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes[..written]));
        var prefix = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        return new UInt128(2, prefix);
    }

    private void MaybeSweep(long now)
    {
        if (timeProvider.GetElapsedTime(Volatile.Read(ref _lastSweep), now) < SweepEvery) return;
        if (!_sweepLock.TryEnter()) return;
        try
        {
            Volatile.Write(ref _lastSweep, now);
            // A bucket idle for burst/rate seconds is full again: forgetting it changes nothing for its client.
            var idle = TimeSpan.FromSeconds(burst / ratePerSecond);
            foreach (var (key, bucket) in _buckets)
            {
                if (bucket.IdleFor(now, timeProvider) >= idle) _buckets.TryRemove(key, out _);
            }
        }
        finally
        {
            _sweepLock.Exit();
        }
    }

    private sealed class TokenBucket(double tokens, long timestamp)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private long _timestamp = timestamp;

        public TimeSpan IdleFor(long now, TimeProvider time)
        {
            lock (_lock) return time.GetElapsedTime(_timestamp, now);
        }

        public bool Peek(long now, double rate, int burst, TimeProvider time)
        {
            lock (_lock)
            {
                Refill(now, rate, burst, time);
                return _tokens >= 1;
            }
        }

        public RateDecision TryTake(long now, double rate, int burst, TimeProvider time)
        {
            lock (_lock)
            {
                Refill(now, rate, burst, time);
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return new RateDecision(true, TimeSpan.Zero);
                }
                return new RateDecision(false, TimeSpan.FromSeconds((1 - _tokens) / rate));
            }
        }

        private void Refill(long now, double rate, int burst, TimeProvider time)
        {
            var elapsed = time.GetElapsedTime(_timestamp, now).TotalSeconds;
            if (elapsed <= 0) return;
            _tokens = Math.Min(burst, _tokens + elapsed * rate);
            _timestamp = now;
        }
    }
}
