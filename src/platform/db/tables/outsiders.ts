// Outsiders, arrivals and the measures rule set. (Placeholder: the capability's table types are added here.)
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OutsidersTables {}
