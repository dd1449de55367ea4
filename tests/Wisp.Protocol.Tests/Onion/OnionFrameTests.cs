using CsCheck;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.Protocol.Tests.Onion;

public sealed class OnionFrameTests
{
    public static TheoryData<string, string, int, string> LibsessionFrames()
    {
        var data = new TheoryData<string, string, int, string>();
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "libsession-util", "onionreq_parser_frames.txt");
        foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(' ');
            data.Add(parts[0], parts[1], int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), parts[3]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(LibsessionFrames))]
    public void Libsession_guard_frames_split_into_ciphertext_and_json(string encType, string ephemeralKeyHex, int ciphertextLength, string frameHex)
    {
        var frame = Convert.FromHexString(frameHex);

        var result = OnionFrame.Parse(frame);

        Assert.True(result.Ok, result.Describe());
        Assert.Equal(ciphertextLength, result.Frame.Ciphertext.Length);
        Assert.Equal(frame.AsSpan(4, ciphertextLength).ToArray(), result.Frame.Ciphertext.ToArray());
        var guard = OnionLayerClassifier.ParseGuardRequest(result.Frame.Json.Span);
        Assert.True(guard.Ok, guard.Detail);
        Assert.Equal(ephemeralKeyHex, guard.Value!.EphemeralKey.ToHex());
        Assert.Equal(encType, guard.Value.Encryption.ToJsonName());
        Assert.Null(guard.Value.HopNumber);
    }

    [Theory]
    [MemberData(nameof(LibsessionFrames))]
    public void Building_from_the_parts_gives_back_the_libsession_frame(string encType, string ephemeralKeyHex, int ciphertextLength, string frameHex)
    {
        _ = (encType, ephemeralKeyHex, ciphertextLength);
        var frame = Convert.FromHexString(frameHex);
        var parsed = OnionFrame.Parse(frame).Frame;

        Assert.Equal(frame, OnionFrame.Build(parsed.Ciphertext.Span, parsed.Json.Span));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Fewer_than_four_bytes_have_no_length(int length)
    {
        Assert.Equal(OnionFrameError.MissingLength, OnionFrame.Parse(new byte[length]).Error);
    }

    [Theory]
    [InlineData("05000000aabbccdd")] // declares 5, has 4
    [InlineData("ffffffff7b7d")] // declares 4 GiB: must not allocate or overflow
    public void A_declared_length_past_the_end_is_refused(string hex)
    {
        Assert.Equal(OnionFrameError.LengthBeyondEnd, OnionFrame.Parse(Convert.FromHexString(hex)).Error);
    }

    [Fact]
    public void A_frame_with_nothing_after_the_ciphertext_is_refused()
    {
        Assert.Equal(OnionFrameError.MissingJson, OnionFrame.Parse(Convert.FromHexString("02000000aabb")).Error);
    }

    [Fact]
    public void A_frame_over_the_size_cap_is_refused()
    {
        var frame = new byte[OnionLimits.MaxRequestBytes + 1];

        Assert.Equal(OnionFrameError.TooLarge, OnionFrame.Parse(frame).Error);
    }

    [Fact]
    public void Building_without_json_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => OnionFrame.Build([1, 2], []));
        Assert.Equal("json", error.ParamName);
    }

    [Fact]
    public void Building_over_the_size_cap_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => OnionFrame.Build(new byte[OnionLimits.MaxRequestBytes], "{}"u8));
        Assert.Equal("ciphertext", error.ParamName);
    }

    [Fact]
    public void Build_then_parse_gives_back_the_parts()
    {
        Gen.Select(Gen.Byte.Array[0, 200], Gen.Byte.Array[1, 100]).Sample((ciphertext, json) =>
        {
            var result = OnionFrame.Parse(OnionFrame.Build(ciphertext, json));

            Assert.True(result.Ok, result.Describe());
            Assert.Equal(ciphertext, result.Frame.Ciphertext.ToArray());
            Assert.Equal(json, result.Frame.Json.ToArray());
        });
    }

    [Fact]
    public void Random_bytes_either_parse_consistently_or_fail()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            var result = OnionFrame.Parse(bytes);
            if (result.Ok)
                Assert.Equal(bytes.Length, 4 + result.Frame.Ciphertext.Length + result.Frame.Json.Length);
        }, iter: 5000);
    }
}
