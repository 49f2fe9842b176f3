using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Support;

/// <summary>Fills #general until a client that stopped reading is dropped for its send queue.</summary>
public static class Flooding
{
    /// <summary>
    /// <paramref name="sender"/> posts 4,000-character lines to #general, 20 at a time, until it sees
    /// <paramref name="victim"/> leave; returns how many lines it sent.
    /// </summary>
    public static async Task<int> FloodUntilDroppedAsync(TestClient sender, string victim)
    {
        string text = new('x', 4000);
        int sent = 0;
        while (!sender.Saw(f => Type(f) == "left" && Str(f, "user") == victim))
        {
            Assert.True(sent < 50_000, $"{victim} was never dropped");
            for (int i = 0; i < 20; i++)
            {
                await sender.SendAsync("msg", new { to = "#general", text });
            }
            sent += 20;
            await sender.ExpectOkAsync("ping");
        }
        return sent;
    }
}
