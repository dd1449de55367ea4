namespace Wisp.Protocol.Bencode;

/// <summary>
/// Decodes bencode strictly: canonical integers and lengths only, dictionary keys sorted and
/// unique, nesting and value count capped, every declared length checked against the bytes left.
/// Strings in the result are slices of the input; nothing is copied.
/// </summary>
public sealed class BencodeReader
{
    private readonly ReadOnlyMemory<byte> _input;
    private int _position;
    private int _values;
    private BencodeError _error;
    private int _errorOffset;

    private BencodeReader(ReadOnlyMemory<byte> input) => _input = input;

    /// <summary>Decodes exactly one value that fills the whole input.</summary>
    public static BencodeResult Decode(ReadOnlyMemory<byte> input)
    {
        var reader = new BencodeReader(input);
        if (!reader.TryReadValue(depth: 0, out var value))
            return new BencodeResult(null, reader._error, reader._errorOffset);
        if (reader._position != input.Length)
            return new BencodeResult(null, BencodeError.TrailingData, reader._position);
        return new BencodeResult(value, BencodeError.None, input.Length);
    }

    private ReadOnlySpan<byte> Span => _input.Span;

    private bool TryReadValue(int depth, out BencodeValue? value)
    {
        value = null;
        if (++_values > BencodeLimits.MaxValues)
            return Fail(BencodeError.TooManyValues, _position);
        if (_position >= _input.Length)
            return Fail(BencodeError.Truncated, _position);

        switch (Span[_position])
        {
            case (byte)'i':
                return TryReadInteger(out value);
            case (byte)'l':
                return TryReadList(depth + 1, out value);
            case (byte)'d':
                return TryReadDictionary(depth + 1, out value);
            case >= (byte)'0' and <= (byte)'9':
                if (!TryReadString(out var bytes))
                    return false;
                value = new BencodeString(bytes);
                return true;
            default:
                return Fail(BencodeError.UnexpectedByte, _position);
        }
    }

    private bool TryReadString(out ReadOnlyMemory<byte> bytes)
    {
        bytes = default;
        var start = _position;
        var left = (long)_input.Length;
        long length = 0;
        var digits = 0;
        while (true)
        {
            if (_position >= _input.Length)
                return Fail(BencodeError.Truncated, _position);
            var b = Span[_position];
            if (b == (byte)':')
                break;
            if (b is < (byte)'0' or > (byte)'9')
                return Fail(BencodeError.InvalidLength, _position);
            if (digits == 1 && length == 0)
                return Fail(BencodeError.InvalidLength, start);
            length = (length * 10) + (b - '0');
            digits++;
            // No string can be longer than the input, so stop before the number can overflow.
            if (length > left)
                return Fail(BencodeError.LengthBeyondEnd, start);
            _position++;
        }
        if (digits == 0)
            return Fail(BencodeError.InvalidLength, start);
        _position++; // the colon
        if (length > _input.Length - _position)
            return Fail(BencodeError.LengthBeyondEnd, start);
        bytes = _input.Slice(_position, (int)length);
        _position += (int)length;
        return true;
    }

    private bool TryReadInteger(out BencodeValue? value)
    {
        value = null;
        var start = _position;
        _position++; // 'i'
        var negative = _position < _input.Length && Span[_position] == (byte)'-';
        if (negative)
            _position++;
        ulong magnitude = 0;
        var digits = 0;
        while (true)
        {
            if (_position >= _input.Length)
                return Fail(BencodeError.Truncated, _position);
            var b = Span[_position];
            if (b == (byte)'e')
                break;
            if (b is < (byte)'0' or > (byte)'9')
                return Fail(BencodeError.InvalidInteger, _position);
            if (digits == 1 && magnitude == 0)
                return Fail(BencodeError.InvalidInteger, start);
            // 2^63 is the largest magnitude any long has (for the negative side); 19 digits hold it.
            if (magnitude > (ulong.MaxValue - 9) / 10)
                return Fail(BencodeError.IntegerOverflow, start);
            magnitude = (magnitude * 10) + (ulong)(b - '0');
            if (magnitude > (ulong)long.MaxValue + 1)
                return Fail(BencodeError.IntegerOverflow, start);
            digits++;
            _position++;
        }
        if (digits == 0 || (negative && magnitude == 0))
            return Fail(BencodeError.InvalidInteger, start);
        if (!negative && magnitude > long.MaxValue)
            return Fail(BencodeError.IntegerOverflow, start);
        _position++; // 'e'
        value = new BencodeInteger(negative ? (long)(0 - magnitude) : (long)magnitude);
        return true;
    }

    private bool TryReadList(int depth, out BencodeValue? value)
    {
        value = null;
        if (depth > BencodeLimits.MaxDepth)
            return Fail(BencodeError.TooDeep, _position);
        _position++; // 'l'
        var items = new List<BencodeValue>();
        while (true)
        {
            if (_position >= _input.Length)
                return Fail(BencodeError.Truncated, _position);
            if (Span[_position] == (byte)'e')
                break;
            if (!TryReadValue(depth, out var item))
                return false;
            items.Add(item!);
        }
        _position++; // 'e'
        value = new BencodeList(items);
        return true;
    }

    private bool TryReadDictionary(int depth, out BencodeValue? value)
    {
        value = null;
        if (depth > BencodeLimits.MaxDepth)
            return Fail(BencodeError.TooDeep, _position);
        _position++; // 'd'
        var entries = new List<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>>();
        while (true)
        {
            if (_position >= _input.Length)
                return Fail(BencodeError.Truncated, _position);
            var b = Span[_position];
            if (b == (byte)'e')
                break;
            if (b is < (byte)'0' or > (byte)'9')
                return Fail(BencodeError.KeyNotString, _position);
            var keyOffset = _position;
            if (!TryReadString(out var key))
                return false;
            if (entries.Count > 0)
            {
                var order = entries[^1].Key.Span.SequenceCompareTo(key.Span);
                if (order == 0)
                    return Fail(BencodeError.DuplicateKey, keyOffset);
                if (order > 0)
                    return Fail(BencodeError.UnsortedKeys, keyOffset);
            }
            if (!TryReadValue(depth, out var item))
                return false;
            entries.Add(KeyValuePair.Create(key, item!));
        }
        _position++; // 'e'
        value = new BencodeDictionary(entries);
        return true;
    }

    private bool Fail(BencodeError error, int offset)
    {
        _error = error;
        _errorOffset = offset;
        return false;
    }
}
