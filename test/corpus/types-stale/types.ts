export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json }
  | Json[]

export interface Database {
  public: {
    Tables: {
      members: {
        Row: {
          role: string
          team_id: string
          user_id: string
        }
        Insert: {
          role?: string
          team_id: string
          user_id: string
        }
        Update: {
          role?: string
          team_id?: string
          user_id?: string
        }
      }
      teams: {
        Row: {
          id: string
          name: string
          plan: Database["public"]["Enums"]["plan"]
        }
        Insert: {
          id?: string
          name: string
          plan?: Database["public"]["Enums"]["plan"]
        }
        Update: {
          id?: string
          name?: string
          plan?: Database["public"]["Enums"]["plan"]
        }
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      [_ in never]: never
    }
    Enums: {
      plan: "free" | "pro"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}
