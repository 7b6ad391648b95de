/** Where a mail's private link (reset, verification...) goes in its stored text; only the recipient's copy has the link. */
export const PRIVATE_LINK = "{{private-link}}";
