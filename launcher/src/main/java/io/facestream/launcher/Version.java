package io.facestream.launcher;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (the Maven project version). */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = FaceStream.class.getPackage().getImplementationVersion();
        return new String[] {"face-stream " + (version == null ? "(development build)" : version)};
    }
}
