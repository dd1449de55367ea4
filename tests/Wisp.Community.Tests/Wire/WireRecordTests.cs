using System.Text.Json;
using Wisp.Protocol.Community;

namespace Wisp.Community.Tests.Wire;

/// <summary>The community records read what they write, in pysogs's field presence rules.</summary>
public sealed class WireRecordTests
{
    [Fact]
    public void A_deleted_message_writes_data_null_and_deleted_and_reads_back_deleted()
    {
        var deleted = new CommunityMessage(7, 12) { SessionId = "15" + new string('a', 64), Posted = 1.5, Deleted = true, Edited = 2.5 };

        var json = JsonSerializer.Serialize(deleted, CommunityJsonContext.Default.CommunityMessage);
        var back = JsonSerializer.Deserialize(json, CommunityJsonContext.Default.CommunityMessage)!;

        Assert.Equal($$"""{"id":7,"session_id":"15{{new string('a', 64)}}","posted":1.5,"seqno":12,"data":null,"deleted":true,"edited":2.5}""", json);
        Assert.True(back.Deleted);
        Assert.Null(back.Data);
        Assert.False(back.ReactionsOnly);
    }

    [Fact]
    public void A_reaction_only_row_is_id_seqno_reactions_and_reads_back_as_such()
    {
        var row = new CommunityMessage(3, 9)
        {
            ReactionsOnly = true,
            Reactions = new Dictionary<string, ReactionInfo> { ["x"] = new(0, 2) { You = true, Reactors = ["15ab"] } },
        };

        var json = JsonSerializer.Serialize(row, CommunityJsonContext.Default.CommunityMessage);
        var back = JsonSerializer.Deserialize(json, CommunityJsonContext.Default.CommunityMessage)!;

        Assert.Equal("""{"id":3,"seqno":9,"reactions":{"x":{"index":0,"count":2,"reactors":["15ab"],"you":true}}}""", json);
        Assert.True(back.ReactionsOnly);
        Assert.Equal(2, back.Reactions!["x"].Count);
    }

    [Fact]
    public void A_whisper_round_trips_with_its_fields()
    {
        var message = new CommunityMessage(1, 1)
        {
            SessionId = "15" + new string('b', 64),
            Posted = 10,
            Data = [1, 2],
            Signature = new byte[64],
            Whisper = true,
            WhisperTo = "05" + new string('c', 64),
            Reactions = new Dictionary<string, ReactionInfo>(),
        };

        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(message, CommunityJsonContext.Default.CommunityMessage), CommunityJsonContext.Default.CommunityMessage)!;

        Assert.Equal(message.Data, back.Data);
        Assert.True(back.Whisper);
        Assert.False(back.WhisperMods);
        Assert.Equal(message.WhisperTo, back.WhisperTo);
        Assert.Empty(back.Reactions!);
    }

    [Fact]
    public void A_reactor_is_a_json_pair()
    {
        var json = JsonSerializer.Serialize<IReadOnlyList<Reactor>>([new Reactor("15ab", 1.25)], CommunityJsonContext.Default.IReadOnlyListReactor);

        Assert.Equal("""[["15ab",1.25]]""", json);
        Assert.Equal(new Reactor("15ab", 1.25), JsonSerializer.Deserialize(json, CommunityJsonContext.Default.IReadOnlyListReactor)![0]);
    }
}
