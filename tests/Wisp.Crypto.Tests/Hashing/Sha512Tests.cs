using System.Text;
using CsCheck;
using Wisp.Crypto.Hashing;

namespace Wisp.Crypto.Tests.Hashing;

public class Sha512Tests
{
    public static TheoryData<string, string> Fips180Vectors()
    {
        var data = new TheoryData<string, string>();
        foreach (var vector in PublishedVectors.Load("rfc/sha512.json").EnumerateArray())
            data.Add(vector.Text("message"), vector.Text("digest"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Fips180Vectors))]
    public void MatchesFips180Examples(string message, string digest)
    {
        Assert.Equal(digest, Convert.ToHexStringLower(Sha512.Hash(Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void AgreesWithDotNetOnRandomInputs()
    {
        Gen.Byte.Array[0, 600].Sample(input =>
            Assert.Equal(System.Security.Cryptography.SHA512.HashData(input), Sha512.Hash(input)));
    }

    [Fact]
    public void WrongOutputLengthNamesTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => Sha512.Hash("abc"u8, new byte[32]));
        Assert.Equal("output", error.ParamName);
    }
}
