namespace TuiChat.Client.Core.Input;

/// <summary>
/// Whether an Enter key sends the line or is a line break inside a paste. A terminal that
/// brackets pastes (<c>ESC[200~</c>…<c>ESC[201~</c>) delivers a pasted block as one paste, never
/// as keys, so there every Enter key was pressed by a person and sends: lines typed in quick
/// succession are never merged, however late a busy screen gets to them. Only a terminal that has
/// not shown it brackets pastes sends a pasted line end as a plain Enter; there an Enter with more
/// input already waiting right behind it (the rest of the same burst) becomes a line break, so a
/// pasted block waits in the input for the user's own Enter.
/// </summary>
public sealed class EnterRule
{
    /// <summary>
    /// TERM values of terminals that implement bracketed paste (xterm's mode 2004): xterm and
    /// the emulators that call themselves xterm-* (GNOME Terminal, Konsole, kitty, iTerm2, Windows
    /// Terminal over ssh...), tmux and screen (which bracket for the program inside them), and a
    /// few that have their own TERM. Prefixes, so <c>tmux-256color</c> is tmux. A terminal not
    /// listed is not known: it is trusted from its first bracketed paste on.
    /// </summary>
    private static readonly string[] BracketingTerminals = ["xterm", "tmux", "screen", "alacritty", "foot", "wezterm", "st-", "contour"];

    /// <param name="terminalBracketsPastes">The terminal is known to bracket pastes (<see cref="KnownToBracketPastes"/>).</param>
    public EnterRule(bool terminalBracketsPastes) => TrustsBracketedPaste = terminalBracketsPastes;

    /// <summary>Pastes come bracketed, so every Enter key sends.</summary>
    public bool TrustsBracketedPaste { get; private set; }

    /// <summary>A bracketed paste arrived: this terminal brackets pastes, whatever its TERM said.</summary>
    public void BracketedPasteSeen() => TrustsBracketedPaste = true;

    /// <summary>
    /// True when an Enter key is a line break in an unbracketed paste rather than a send: the
    /// terminal has not shown it brackets pastes, the draft holds text, and more input is
    /// already waiting behind the Enter.
    /// </summary>
    public bool IsLineBreak(bool draftIsEmpty, bool moreInputWaiting) =>
        !TrustsBracketedPaste && !draftIsEmpty && moreInputWaiting;

    /// <summary>Whether <paramref name="term"/> (the TERM variable) names a terminal that brackets pastes, or tmux says it is there.</summary>
    public static bool KnownToBracketPastes(string? term, string? tmux) =>
        !string.IsNullOrEmpty(tmux)
        || (!string.IsNullOrEmpty(term) && BracketingTerminals.Any(prefix => term.StartsWith(prefix, StringComparison.Ordinal)));
}
