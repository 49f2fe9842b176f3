namespace TuiChat.Client.Core.Settings;

/// <summary>Where <c>/save-config</c> writes the settings (the config file; the full-screen and menu clients share it).</summary>
public interface IPreferenceStore
{
    /// <summary>The file, for the notice that says where the settings went.</summary>
    string Path { get; }

    /// <summary>Writes the settings changed since the start (or the last save); returns their keys.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    IReadOnlyList<string> Save(Preferences preferences);
}
