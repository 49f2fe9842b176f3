namespace TuiChat.Cli.Configuration;

/// <summary>
/// A setting from a config file or the environment that cannot be used. The message is the one
/// line the operator sees: where (file and line, or the variable), which key, and what is wrong.
/// </summary>
public sealed class ConfigException(string message) : Exception(message);
