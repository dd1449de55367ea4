using Wisp.Crypto.Onion;

namespace Wisp.Crypto.Tests.Onion;

public class OnionEncryptionTypeTests
{
    [Theory]
    [InlineData("xchacha20", OnionEncryptionType.XChaCha20)]
    [InlineData("aes-gcm", OnionEncryptionType.AesGcm)]
    [InlineData(null, OnionEncryptionType.AesGcm)]
    public void ParsesJsonNamesAndDefaultsToAesGcm(string? name, OnionEncryptionType expected)
    {
        Assert.True(OnionEncryptionTypeNames.TryParse(name, out var type, out var error));
        Assert.Null(error);
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AES-GCM")]
    [InlineData("chacha20")]
    public void UnknownNamesAreRejectedByName(string name)
    {
        Assert.False(OnionEncryptionTypeNames.TryParse(name, out _, out var error));
        Assert.Contains($"\"{name}\"", error);
    }

    [Fact]
    public void LongUnknownNameIsEchoedTruncated()
    {
        Assert.False(OnionEncryptionTypeNames.TryParse(new string('x', 10_000), out _, out var error));
        Assert.True(error.Length < 200);
    }

    [Theory]
    [InlineData(OnionEncryptionType.XChaCha20)]
    [InlineData(OnionEncryptionType.AesGcm)]
    public void FormatRoundTrips(OnionEncryptionType type)
    {
        Assert.True(OnionEncryptionTypeNames.TryParse(type.ToJsonName(), out var parsed, out _));
        Assert.Equal(type, parsed);
    }

    [Fact]
    public void UndefinedValueCannotBeFormatted()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((OnionEncryptionType)7).ToJsonName());
    }
}
