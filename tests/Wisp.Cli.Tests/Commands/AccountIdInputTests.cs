using Wisp.Cli.Commands;
using Wisp.Cli.Tests.Support;

namespace Wisp.Cli.Tests.Commands;

/// <summary>A malformed Account ID is explained precisely, wherever a command accepts one.</summary>
public sealed class AccountIdInputTests
{
    private const string Key = "d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72";
    private const string Valid = "05" + Key;

    [Theory]
    [InlineData(Key, "is 64 hex characters; an Account ID is 66 (05 followed by 64). If it is the key alone, put 05 in front of it.")]
    [InlineData("05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a7", "is 65 hex characters; an Account ID is 66 (05 followed by 64). Some characters were probably lost")]
    [InlineData(Valid + "ab", "is 68 hex characters; an Account ID is 66")]
    [InlineData("05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a7z", "character 66 is 'z'")]
    [InlineData("15" + Key, "starts with 15 (a blinded ID")]
    [InlineData("03" + Key, "starts with 03 (a group's ID")]
    [InlineData("07" + Key, "starts with 07; an Account ID starts with 05.")]
    [InlineData("", "no Account ID given; an Account ID is 66 hex characters, 05 followed by 64.")]
    public void A_malformed_id_is_explained(string text, string expected)
    {
        Assert.False(AccountIdInput.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_valid_id_parses_with_spaces_around_it_and_in_either_case()
    {
        Assert.True(AccountIdInput.TryParse($"  {Valid.ToUpperInvariant()} ", out var id, out _));
        Assert.Equal(Valid, id.Hex);
    }

    [Fact]
    public void Long_input_is_shown_by_its_ends()
    {
        AccountIdInput.TryParse(Key, out _, out var error);

        Assert.StartsWith("'d2ad010eeb72…ae5c3a72' is 64 hex characters", error);
    }

    [Fact]
    public void Contacts_add_and_requests_explain_a_malformed_id_and_exit_2()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);

        var added = cli.Run("contacts", "add", Key, "bob");
        var blocked = cli.Run("requests", "block", "15" + Key);

        Assert.Equal(2, added.Code);
        Assert.Contains("is 64 hex characters; an Account ID is 66 (05 followed by 64)", added.Stderr);
        Assert.Equal(2, blocked.Code);
        Assert.Contains("starts with 15", blocked.Stderr);
    }

    [Fact]
    public void Where_a_nickname_is_accepted_too_an_id_like_text_is_explained_as_an_id()
    {
        using var cli = new CliHarness();
        Assert.Equal(0, cli.Run("account", "new", "--no-passphrase", "--skip-confirm").Code);

        var idLike = cli.Run("contacts", "remove", Valid[..^1]);
        var nameLike = cli.Run("contacts", "remove", "robert");

        Assert.Equal(2, idLike.Code);
        Assert.Contains("is 65 hex characters; an Account ID is 66", idLike.Stderr);
        Assert.Equal(2, nameLike.Code);
        Assert.Contains("'robert' is neither a contact's nickname nor an Account ID", nameLike.Stderr);
    }
}
