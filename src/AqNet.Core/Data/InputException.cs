namespace AqNet.Core.Data;

/// <summary>Bad input from a user: a file, a line, a value or an argument that is not what was expected.
/// The message names where and what; the CLI prints it and exits with code 2.</summary>
public sealed class InputException(string message, Exception? inner = null) : Exception(message, inner);
