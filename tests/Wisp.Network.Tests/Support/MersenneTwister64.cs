namespace Wisp.Network.Tests.Support;

/// <summary>
/// The standard MT19937-64 generator (C++ <c>std::mt19937_64</c>), here only to replay oxen-core's published swarm-id
/// sequence, which draws from it. Not used by Wisp itself.
/// </summary>
internal sealed class MersenneTwister64
{
    private const int N = 312;
    private const int M = 156;
    private const ulong MatrixA = 0xB5026F5AA96619E9UL;
    private const ulong UpperMask = 0xFFFFFFFF80000000UL;
    private const ulong LowerMask = 0x7FFFFFFFUL;
    private readonly ulong[] _state = new ulong[N];
    private int _index;

    public MersenneTwister64(ulong seed)
    {
        _state[0] = seed;
        for (var i = 1; i < N; i++)
            _state[i] = unchecked((6364136223846793005UL * (_state[i - 1] ^ (_state[i - 1] >> 62))) + (ulong)i);
        _index = N;
    }

    public ulong Next()
    {
        if (_index >= N)
            Twist();
        var x = _state[_index++];
        x ^= (x >> 29) & 0x5555555555555555UL;
        x ^= (x << 17) & 0x71D67FFFEDA60000UL;
        x ^= (x << 37) & 0xFFF7EEE000000000UL;
        x ^= x >> 43;
        return x;
    }

    private void Twist()
    {
        for (var i = 0; i < N; i++)
        {
            var x = (_state[i] & UpperMask) | (_state[(i + 1) % N] & LowerMask);
            var xA = x >> 1;
            if ((x & 1) != 0)
                xA ^= MatrixA;
            _state[i] = _state[(i + M) % N] ^ xA;
        }
        _index = 0;
    }
}
