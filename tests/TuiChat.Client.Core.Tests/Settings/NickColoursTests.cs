using TuiChat.Client.Core.Settings;

namespace TuiChat.Client.Core.Tests.Settings;

/// <summary>Nick colours: the same name always gets the same colour, the user's own name its own colour that nobody else gets.</summary>
public sealed class NickColoursTests
{
    private static readonly string[] Names =
        ["bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "joão", "zoë", "李雷", "victor"];

    [Fact]
    public void SameName_SameColour_InAnySpelling_AndAcrossCalls()
    {
        foreach (string name in Names)
        {
            string colour = NickColours.For(name, "alice", ThemeColours.Defaults);
            Assert.Equal(colour, NickColours.For(name, "alice", ThemeColours.Defaults));
            Assert.Equal(colour, NickColours.For(name.ToUpperInvariant(), "alice", ThemeColours.Defaults));
            Assert.Contains(colour, NickColours.Palette);
        }
        // FNV-1a of the folded name: fixed across processes and machines, unlike string.GetHashCode.
        Assert.Equal("red", NickColours.For("bob", "alice", ThemeColours.Defaults));
    }

    [Fact]
    public void Names_SpreadOverThePalette()
    {
        int distinct = Names.Select(n => NickColours.For(n, "alice", ThemeColours.Defaults)).Distinct().Count();
        Assert.True(distinct >= 5, $"{distinct} colours for {Names.Length} names");
    }

    [Fact]
    public void OwnName_GetsTheOwnColour_AndNobodyElseDoes_EvenWhenTheThemeTakesAPaletteColour()
    {
        var theme = new Dictionary<string, string>(ThemeColours.Defaults) { ["own"] = "green", ["mention"] = "cyan" };

        Assert.Equal("green", NickColours.For("Alice", "alice", theme));
        Assert.All(Names, name => Assert.True(NickColours.For(name, "alice", theme) is not ("green" or "cyan"), name));
        Assert.Equal("brightcyan", NickColours.For("alice", "alice", ThemeColours.Defaults));
    }

    [Fact]
    public void Palette_HasNoColourUnreadableOnADarkOrALightBackground()
    {
        string[] unreadable = ["black", "white", "gray", "darkgray", "blue", "brightyellow", "brightgreen", "brightcyan"];
        Assert.Empty(NickColours.Palette.Intersect(unreadable));
        Assert.All(NickColours.Palette, c => Assert.True(ThemeColours.IsColour(c)));
    }

    [Fact]
    public void NickColors_IsASwitchInDisplay_OnByDefault()
    {
        var preferences = new Preferences();
        var catalog = new PreferenceCatalog(_ => true);
        Assert.True(preferences.NickColours);

        Assert.Null(catalog.TrySetFromText(preferences, "display.nick_colors", "off"));
        Assert.False(preferences.NickColours);
        Assert.Equal("display.nick_colors: expected true or false", catalog.TrySet(preferences, "display.nick_colors", "maybe"));
    }
}
