using Wisp.Node.Admission;

namespace Wisp.Node.Tests.Admission;

/// <summary>
/// What counts towards the collection <see cref="AnswerBuilders"/> starts: answers by their real size, and only those
/// on the large object heap — not what a retrieve reserved for its worst case.
/// </summary>
public sealed class AnswerBuildersTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_retrieve_that_reserved_megabytes_but_answered_kilobytes_counts_nothing()
    {
        var builders = new AnswerBuilders(new BodyBudget(32L * 1024 * 1024));
        var retrieve = """{"method":"retrieve","params":{"pubkey":"05aa","namespace":0}}"""u8.ToArray();

        for (var i = 0; i < 100; i++)
        {
            using var pass = await builders.EnterAsync("retrieve", retrieve, Token);
            Assert.NotNull(pass);
            builders.Built(10_000);
        }

        Assert.Equal(0, builders.LargeBytesSinceCollection);
    }

    [Fact]
    public void An_answer_on_the_large_object_heap_counts_its_real_size()
    {
        var builders = new AnswerBuilders(new BodyBudget(32L * 1024 * 1024));

        builders.Built(Limits.LargeObjectBytes - 1);
        builders.Built(300_000);
        builders.Built(Limits.LargeObjectBytes);

        Assert.Equal(300_000 + Limits.LargeObjectBytes, builders.LargeBytesSinceCollection);
    }
}
