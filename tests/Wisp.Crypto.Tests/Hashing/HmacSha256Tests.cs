using CsCheck;
using Wisp.Crypto.Hashing;

namespace Wisp.Crypto.Tests.Hashing;

public class HmacSha256Tests
{
    public static TheoryData<int, string, string, string> Rfc4231Vectors()
    {
        var data = new TheoryData<int, string, string, string>();
        foreach (var vector in PublishedVectors.Load("rfc/hmac_sha256.json").EnumerateArray())
            data.Add(vector.GetProperty("case").GetInt32(), vector.Text("key"), vector.Text("message"), vector.Text("mac"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Rfc4231Vectors))]
    public void MatchesRfc4231(int testCase, string key, string message, string mac)
    {
        var computed = HmacSha256.Compute(Convert.FromHexString(key), Convert.FromHexString(message));
        Assert.True(mac == Convert.ToHexStringLower(computed), $"RFC 4231 test case {testCase}");
        Assert.True(HmacSha256.Verify(Convert.FromHexString(key), Convert.FromHexString(message), Convert.FromHexString(mac)));
    }

    [Fact]
    public void AgreesWithDotNetForKeysOfAnyLength()
    {
        Gen.Select(Gen.Byte.Array[0, 200], Gen.Byte.Array[0, 300]).Sample((key, message) =>
            Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(key, message), HmacSha256.Compute(key, message)));
    }

    [Fact]
    public void VerifyRejectsAlteredMacAndWrongLength()
    {
        var key = "key"u8.ToArray();
        var mac = HmacSha256.Compute(key, "message"u8);
        mac[5] ^= 1;
        Assert.False(HmacSha256.Verify(key, "message"u8, mac));
        Assert.False(HmacSha256.Verify(key, "message"u8, mac.AsSpan(0, 31)));
    }

    [Fact]
    public void WrongOutputLengthNamesTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => HmacSha256.Compute("k"u8, "m"u8, new byte[31]));
        Assert.Equal("mac", error.ParamName);
    }
}
