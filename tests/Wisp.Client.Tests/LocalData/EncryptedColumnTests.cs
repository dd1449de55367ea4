using Wisp.Client.LocalData;

namespace Wisp.Client.Tests.LocalData;

public class EncryptedColumnTests
{
    private static readonly EncryptedColumn Body = new("messages", "body");

    [Fact]
    public void AValueDecryptsInItsOwnCell()
    {
        using var key = DataKey.Generate();
        var stored = Body.EncryptText(key, "m1", "hello");

        Assert.True(Body.TryDecryptText(key, "m1", stored, out var text));
        Assert.Equal("hello", text);
        Assert.Equal(EncryptedColumn.Overhead + 5, stored.Length);
        Assert.Equal(EncryptedColumn.Version, stored[0]);
    }

    [Fact]
    public void AnEmptyValueRoundTrips()
    {
        using var key = DataKey.Generate();
        var stored = Body.Encrypt(key, "m1", []);

        Assert.True(Body.TryDecrypt(key, "m1", stored, out var plaintext));
        Assert.Empty(plaintext);
    }

    [Fact]
    public void AValueMovedToAnotherRowFails()
    {
        using var key = DataKey.Generate();
        var stored = Body.EncryptText(key, "m1", "hello");

        Assert.False(Body.TryDecrypt(key, "m2", stored, out var plaintext));
        Assert.Empty(plaintext);
    }

    [Fact]
    public void AValueMovedToAnotherColumnOrTableFails()
    {
        using var key = DataKey.Generate();
        var stored = Body.EncryptText(key, "x", "hello");

        Assert.False(new EncryptedColumn("messages", "other").TryDecrypt(key, "x", stored, out _));
        Assert.False(new EncryptedColumn("contacts", "body").TryDecrypt(key, "x", stored, out _));
    }

    [Fact]
    public void AnyAlteredByteFails()
    {
        using var key = DataKey.Generate();
        var stored = Body.EncryptText(key, "m1", "hello");
        for (var i = 0; i < stored.Length; i++)
        {
            var altered = stored.ToArray();
            altered[i] ^= 0x01;
            Assert.False(Body.TryDecrypt(key, "m1", altered, out _), $"byte {i}");
        }
    }

    [Fact]
    public void AnotherKeyFails()
    {
        using var key = DataKey.Generate();
        using var other = DataKey.Generate();
        var stored = Body.EncryptText(key, "m1", "hello");

        Assert.False(Body.TryDecrypt(other, "m1", stored, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(EncryptedColumn.Overhead - 1)]
    public void ATruncatedValueFails(int length)
    {
        using var key = DataKey.Generate();
        var stored = Body.EncryptText(key, "m1", "hello");

        Assert.False(Body.TryDecrypt(key, "m1", stored.AsSpan(0, length), out _));
    }

    [Fact]
    public void EveryValueGetsItsOwnNonce()
    {
        using var key = DataKey.Generate();
        var a = Body.EncryptText(key, "m1", "same");
        var b = Body.EncryptText(key, "m1", "same");

        Assert.NotEqual(a, b);
        Assert.True(Body.TryDecryptText(key, "m1", b, out var text));
        Assert.Equal("same", text);
    }

    [Fact]
    public void TextThatIsNotUtf8Fails()
    {
        using var key = DataKey.Generate();
        var stored = Body.Encrypt(key, "m1", [0xff, 0xfe]);

        Assert.True(Body.TryDecrypt(key, "m1", stored, out _));
        Assert.False(Body.TryDecryptText(key, "m1", stored, out _));
    }

    [Fact]
    public void ADisposedKeyCannotBeUsed()
    {
        var key = DataKey.Generate();
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Body.EncryptText(key, "m1", "x"));
        Assert.DoesNotContain("0", key.ToString().Replace("DataKey", "", StringComparison.Ordinal));
    }
}
