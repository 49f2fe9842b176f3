using System.Text.Json;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Security;

/// <summary>
/// Names are compared after NFKC and full Unicode case folding, and a name that looks like one
/// that is taken (same TR39 skeleton) is refused: nobody can pass for alice or admin.
/// </summary>
public sealed class NameSpoofingTests
{
    [Theory]
    [InlineData("\u0430lice")] // Cyrillic а
    [InlineData("\u0430l\u0456\u0441\u0435")] // Cyrillic а, і, с, е
    [InlineData("\uff41\uff4c\uff49\uff43\uff45")] // fullwidth
    [InlineData("ALICE")]
    public async Task AGuest_CannotTakeALookAlikeOfAnOnlineGuest(string twin)
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");
        await using TestClient mallory = await server.ConnectAsync();

        await mallory.ExpectErrorAsync("name_taken", "hello", new { protocol = 1, user = twin });
    }

    [Theory]
    [InlineData("\u0430dmin")]
    [InlineData("ADM\u0130N")]
    [InlineData("adm\u0131n")]
    [InlineData("\uff41\uff44\uff4d\uff49\uff4e")]
    [InlineData("\U0001d41a\U0001d41d\U0001d426\U0001d422\U0001d427")]
    [InlineData("\u0391dmin")]
    public async Task NobodyCanPassForAdmin_AsAGuestOrByRegistering(string twin)
    {
        await using TestServer server = TestServer.Start();
        await using TestClient mallory = await server.ConnectAsync();

        await mallory.ExpectErrorAsync("name_taken", "hello", new { protocol = 1, user = twin });
        await mallory.ExpectErrorAsync("name_taken", "hello", new { protocol = 1, user = twin, password = "password-m", register = true });
    }

    [Theory]
    [InlineData("groß", "GROSS")]
    [InlineData("straße", "STRASSE")]
    [InlineData("οδυσσευς", "ΟΔΥΣΣΕΥΣ")]
    [InlineData("alice", "\u0430lice")]
    public async Task AnAccount_CannotBeRegisteredTwiceUnderAFoldedOrLookAlikeName(string first, string twin)
    {
        await using TestServer server = TestServer.Start();
        await using (TestClient owner = await server.LoginAsync(first, "password-1", register: true))
        {
            await owner.ExpectOkAsync("quit");
        }
        await using TestClient mallory = await server.ConnectAsync();

        await mallory.ExpectErrorAsync("name_taken", "hello", new { protocol = 1, user = twin, password = "password-2", register = true });
        await mallory.ExpectErrorAsync("name_taken", "hello", new { protocol = 1, user = twin });
    }

    [Fact]
    public async Task CaseFolding_MakesTheGreekFinalSigmaOneName_Online()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient first = await server.LoginAsync("οδυσσευς");
        await using TestClient second = await server.ConnectAsync();

        await second.ExpectErrorAsync("name_taken", "hello", new { protocol = 1, user = "ΟΔΥΣΣΕΥΣ" });
    }

    [Fact]
    public async Task FullwidthLetters_BecomeTheLettersTheyShow()
    {
        await using TestServer server = TestServer.Start();
        await using TestClient client = await server.ConnectAsync();

        JsonElement ok = await client.ExpectOkAsync("hello", new { protocol = 1, user = "\uff42\uff4f\uff42" });

        Assert.Equal("bob", Str(ok, "user"));
    }

    [Theory]
    [InlineData("\u3164")]
    [InlineData("\u115f")]
    [InlineData("\uffa0")]
    [InlineData("bob\u3164")]
    public async Task HangulFillers_AreRefusedAsInvisible(string name)
    {
        await using TestServer server = TestServer.Start();
        await using TestClient client = await server.ConnectAsync();

        await client.ExpectErrorAsync("name_invalid", "hello", new { protocol = 1, user = name });
    }

    [Theory]
    [InlineData("invoice\u202efdp.exe")]
    [InlineData("report\u2066.pdf")]
    [InlineData("a\u200bb.txt")]
    public async Task FileNames_WithBidiControlsOrZeroWidthCharacters_AreRefused(string name)
    {
        await using TestServer server = TestServer.Start();
        await using TestClient alice = await server.LoginAsync("alice");

        await alice.ExpectErrorAsync("file_invalid", "file.put", new { to = "#general", name, size = 10, sha256 = new string('a', 64) });
    }
}
