using Wisp.Client.Account;

namespace Wisp.Client.Tests.Account;

public class WispHomeTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void AnExplicitPathWins()
    {
        var home = WispHome.Resolve("/explicit", Environment(("WISP_HOME", "/from-variable"), ("XDG_DATA_HOME", "/xdg"), ("HOME", "/home/u")));
        Assert.Equal(Path.GetFullPath("/explicit"), home.Path);
    }

    [Fact]
    public void ThenWispHome()
    {
        var home = WispHome.Resolve(null, Environment(("WISP_HOME", "/from-variable"), ("XDG_DATA_HOME", "/xdg"), ("HOME", "/home/u")));
        Assert.Equal(Path.GetFullPath("/from-variable"), home.Path);
    }

    [Fact]
    public void ThenXdgDataHome()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "XDG directories are a Unix convention.");
        var home = WispHome.Resolve(null, Environment(("XDG_DATA_HOME", "/xdg"), ("HOME", "/home/u")));
        Assert.Equal("/xdg/wisp", home.Path);
    }

    [Fact]
    public void ARelativeXdgDataHomeIsIgnoredAsTheSpecSays()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "XDG directories are a Unix convention.");
        var home = WispHome.Resolve(null, Environment(("XDG_DATA_HOME", "relative"), ("HOME", "/home/u")));
        Assert.Equal("/home/u/.local/share/wisp", home.Path);
    }

    [Fact]
    public void ElseTheUsersLocalShare()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "XDG directories are a Unix convention.");
        var home = WispHome.Resolve(null, Environment(("HOME", "/home/u")));
        Assert.Equal("/home/u/.local/share/wisp", home.Path);
    }

    [Fact]
    public void ProfilesLiveUnderProfiles()
    {
        var home = WispHome.At("/w");
        Assert.Equal(Path.Combine(Path.GetFullPath("/w"), "profiles", "alice"), home.ProfileDirectory(ProfileName.Parse("alice")));
    }
}
