package dev.minirag.tenancy;

import java.util.UUID;

/** A workspace as one member sees it: with their role and whether it is their default. */
public record MyWorkspace(
    UUID id, String name, UUID organizationId, WorkspaceRole role, boolean isDefault) {}
