using Wisp.Node.Admission;

namespace Wisp.Node.Tests.Admission;

/// <summary>
/// What counts towards the collection <see cref="AnswerBuilders"/> starts (answers by their real size, and only those
/// on the large object heap, not what a retrieve reserved for its worst case), and that a retrieve waiting for its turn
/// to be built holds none of the budget.
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

    [Fact]
    public async Task A_retrieve_waiting_for_a_place_holds_no_budget_and_is_built_when_a_place_frees()
    {
        // Room for two worst-case retrieve answers, and two places: a third retrieve must wait for a place rather than
        // find the budget full and be refused.
        var retrieve = """{"method":"retrieve","params":{"pubkey":"05aa","namespace":0}}"""u8.ToArray();
        var worstCase = AnswerBound.Of("retrieve", retrieve);
        var budget = new BodyBudget(2 * worstCase + worstCase / 2);
        var builders = new AnswerBuilders(budget, places: 2);
        var first = await builders.EnterAsync("retrieve", retrieve, Token);
        var second = await builders.EnterAsync("retrieve", retrieve, Token);
        Assert.NotNull(first);
        Assert.NotNull(second);

        var third = builders.EnterAsync("retrieve", retrieve, Token);
        Assert.False(third.IsCompleted);
        Assert.Equal(2 * worstCase, budget.Used);

        first.Dispose();
        using var pass = await third;
        Assert.NotNull(pass);
        second.Dispose();
    }

    [Fact]
    public async Task More_retrieves_at_once_than_the_budget_holds_are_all_built_a_few_at_a_time()
    {
        var retrieve = """{"method":"retrieve","params":{"pubkey":"05aa","namespace":0}}"""u8.ToArray();
        var budget = new BodyBudget(8 * AnswerBound.Of("retrieve", retrieve));
        var builders = new AnswerBuilders(budget, places: 2);

        var built = await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            using var pass = await builders.EnterAsync("retrieve", retrieve, Token);
            await Task.Yield();
            return pass is not null;
        }));

        Assert.All(built, Assert.True);
        Assert.Equal(0, budget.Used);
    }
}
